package dev.customerlens.data;

import java.io.UncheckedIOException;
import java.util.Iterator;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * What every CSV reader here needs from commons-csv beyond the records themselves: the line a
 * record starts on (the header is line 1), and broken quoting reported as a located input error.
 */
public final class CsvRecords {
  private CsvRecords() {}

  /** The line {@code record} starts on, just after the parser returned it, multi-line fields included. */
  public static int startLine(CSVParser parser, CSVRecord record) {
    return (int) parser.getCurrentLineNumber() - embeddedLineBreaks(record);
  }

  /** commons-csv reports broken quoting as an unchecked exception; give it a file and line. */
  public static boolean hasNext(Iterator<CSVRecord> records, String file, int lastLine) {
    try {
      return records.hasNext();
    } catch (UncheckedIOException | IllegalStateException e) {
      String reason = e.getCause() != null && e.getCause().getMessage() != null
          ? e.getCause().getMessage() : String.valueOf(e.getMessage());
      throw new DataFileException(Issue.ofFile(file, Math.max(1, lastLine + 1),
          "malformed CSV: " + reason + " (check for an unclosed or stray double quote)"));
    }
  }

  /** Line breaks inside quoted fields, so that a row is located by the line it starts on. */
  private static int embeddedLineBreaks(CSVRecord record) {
    int breaks = 0;
    // By index: CSVRecord's iterator copies the record into a new list through a stream, for every row.
    for (int field = 0; field < record.size(); field++) {
      String value = record.get(field);
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '\n' || (c == '\r' && (i + 1 == value.length() || value.charAt(i + 1) != '\n'))) breaks++;
      }
    }
    return breaks;
  }
}
