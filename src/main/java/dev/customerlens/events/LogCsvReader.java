package dev.customerlens.events;

import dev.customerlens.data.ColumnMapping;
import dev.customerlens.data.CsvRecords;
import dev.customerlens.data.DataFileException;
import dev.customerlens.data.Issue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The CSV mechanics both CSV log layouts share: UTF-8 with or without a byte order mark, CRLF or
 * LF, RFC 4180 quoting, a header line matched to the expected columns, rows located by the line
 * they start on (the header is line 1), and every bad row collected. What a row means is the
 * {@link RowParser}'s business.
 */
final class LogCsvReader {
  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setTrim(false).get();
  private static final char NOT_UTF8 = '\uFFFD';

  /** Checks one row. Returns what to do to keep it, or null after adding at least one issue. */
  interface RowParser {
    Runnable parse(Row row, List<Issue> issues);
  }

  /** One data row with its location, read through the header. */
  record Row(String file, int line, LogHeader header, CSVRecord record) {
    /** Whether the file has this column (an optional one may be absent). */
    boolean has(LogColumn column) {
      return header.index(column) >= 0;
    }

    /** The cell of a column, or "" for an optional column the file lacks. */
    String get(LogColumn column) {
      int index = header.index(column);
      return index < 0 ? "" : record.get(index);
    }

    int columnNumber(LogColumn column) {
      return header.index(column) + 1;
    }

    Issue issue(LogColumn column, String value, String message) {
      return new Issue(file, line, Math.max(0, columnNumber(column)), column.header(), value, message);
    }
  }

  private LogCsvReader() {}

  /** UTF-8 text without its byte order mark; bytes that are not UTF-8 become U+FFFD, reported where they are. */
  static Reader text(InputStream in) throws IOException {
    var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    PushbackReader reader = new PushbackReader(new BufferedReader(new InputStreamReader(in, decoder), 1 << 16), 1);
    int first = reader.read();
    if (first != -1 && first != '\uFEFF') reader.unread(first);
    return reader;
  }

  /** Reads every row and returns the number of data rows; bad rows go to {@code problems}. */
  static long read(Reader input, String file, List<LogColumn> columns, RowParser rows, RowProblems problems,
      ColumnMapping mapping) {
    try (CSVParser parser = FORMAT.parse(input)) {
      Iterator<CSVRecord> records = parser.iterator();
      int lastLine = 0;
      if (!CsvRecords.hasNext(records, file, lastLine)) {
        throw new DataFileException(new Issue(file, 1, 0, null, null,
            "the file is empty; expected a header line naming the columns "
                + String.join(", ", columns.stream().map(LogColumn::header).toList())));
      }
      LogHeader header = LogHeader.of(file, records.next().toList(), columns, mapping);
      lastLine = (int) parser.getCurrentLineNumber();
      long count = 0;
      while (CsvRecords.hasNext(records, file, lastLine)) {
        CSVRecord record = records.next();
        int line = CsvRecords.startLine(parser, record);
        lastLine = (int) parser.getCurrentLineNumber();
        count++;
        List<Issue> issues = new ArrayList<>();
        Runnable keep = check(new Row(file, line, header, record), columns, rows, issues);
        if (issues.isEmpty() && keep != null) keep.run();
        else problems.reject(line, issues);
      }
      return count;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static Runnable check(Row row, List<LogColumn> columns, RowParser rows, List<Issue> issues) {
    if (row.record().size() != row.header().width()) {
      issues.add(new Issue(row.file(), row.line(), 0, null, null, "has " + row.record().size()
          + " fields; expected " + row.header().width() + " like the header (check for an unquoted comma)"));
      return null;
    }
    for (int c = 0; c < columns.size(); c++) {
      LogColumn column = columns.get(c);
      String cell = row.get(column);
      if (cell.indexOf(NOT_UTF8) >= 0) {
        issues.add(row.issue(column, cell, "holds bytes that are not UTF-8 text; save the file as UTF-8"));
      }
    }
    if (!issues.isEmpty()) return null;
    return rows.parse(row, issues);
  }
}
