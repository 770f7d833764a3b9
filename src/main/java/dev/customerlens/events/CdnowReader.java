package dev.customerlens.events;

import dev.customerlens.data.Issue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;

/**
 * The CDNOW sample as Fader and Hardie distribute it: no header, one purchase record per line, five
 * whitespace-separated fields (original customer id, sample id, YYYYMMDD date, number of CDs,
 * dollar value). The sample id names the customer. Records are kept as they are, several on one
 * day included; merging same-day records is the repeat-purchase model's convention, not the reader's.
 */
final class CdnowReader {
  private static final List<String> FIELDS = List.of("customer id", "sample id", "date", "quantity", "amount");
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

  private CdnowReader() {}

  /** Reads every record and returns the number of records; bad ones go to {@code problems}. */
  static long read(Reader input, String file, EventColumns out, RowProblems problems) {
    try (BufferedReader lines = new BufferedReader(input)) {
      long records = 0;
      int line = 0;
      for (String text = lines.readLine(); text != null; text = lines.readLine()) {
        line++;
        if (text.isBlank()) continue;
        records++;
        List<Issue> issues = new ArrayList<>();
        String[] fields = text.strip().split("\\s+");
        if (fields.length != FIELDS.size()) {
          issues.add(new Issue(file, line, 0, null, null, "has " + fields.length + " fields; expected "
              + FIELDS.size() + ": " + String.join(", ", FIELDS)));
          problems.reject(line, issues);
          continue;
        }
        if (text.indexOf('\uFFFD') >= 0) {
          issues.add(new Issue(file, line, 0, null, null, "holds bytes that are not ASCII text"));
        }
        String id = fields[1];
        problems.checkCustomer(id, line, 2, FIELDS.get(1), issues);
        LocalDate date = null;
        try {
          date = LocalDate.parse(fields[2], DATE);
        } catch (DateTimeParseException e) {
          issues.add(new Issue(file, line, 3, FIELDS.get(2), fields[2], "is not a date; expected YYYYMMDD such as 19970101"));
        }
        try {
          if (Cells.wholeNumber(fields[3], "expected a whole number of CDs") < 0) {
            issues.add(new Issue(file, line, 4, FIELDS.get(3), fields[3], "is negative; expected a whole number of CDs"));
          }
        } catch (IllegalArgumentException bad) {
          issues.add(new Issue(file, line, 4, FIELDS.get(3), fields[3], bad.getMessage()));
        }
        double amount = 0;
        try {
          amount = Cells.number(fields[4], "expected a dollar amount such as 29.33");
          if (amount < 0) issues.add(new Issue(file, line, 5, FIELDS.get(4), fields[4], "is negative; expected a dollar amount such as 29.33"));
        } catch (IllegalArgumentException bad) {
          issues.add(new Issue(file, line, 5, FIELDS.get(4), fields[4], bad.getMessage()));
        }
        if (issues.isEmpty()) out.add(id, date.atStartOfDay(), false, EventType.PURCHASE, "", amount);
        else problems.reject(line, issues);
      }
      return records;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
