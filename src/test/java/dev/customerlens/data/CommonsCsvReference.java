package dev.customerlens.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The reference the byte-level reader is held to: a customer CSV read by commons-csv's RFC 4180
 * parser, record by record, every cell checked by {@link CellParser}, into a typed table. This was
 * the product's reader until the byte-level one replaced it; the tests keep it as an independent
 * judge of quoting, line counting and messages.
 */
final class CommonsCsvReference {
  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setTrim(false).get();

  private static final char NOT_UTF8 = '\uFFFD';
  private static final String NOT_UTF8_MESSAGE = "holds bytes that are not UTF-8 text; save the file as UTF-8";

  private final String file;
  private final ReadOptions options;
  private final List<Issue> issues = new ArrayList<>();
  private final List<SkippedRow> skipped = new ArrayList<>();
  private int uncountedIssues;

  /** Decodes the bytes as {@code Dataset} did: UTF-8, bad bytes as U+FFFD, a leading byte order mark dropped. */
  static Dataset read(byte[] bytes, String file, ReadOptions options) {
    var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    try (Reader reader = new PushbackReader(new InputStreamReader(new ByteArrayInputStream(bytes), decoder), 1)) {
      int first = reader.read();
      if (first != -1 && first != '\uFEFF') ((PushbackReader) reader).unread(first);
      return new CommonsCsvReference(file, options).read(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private CommonsCsvReference(String file, ReadOptions options) {
    this.file = file;
    this.options = options;
  }

  private Dataset read(Reader input) {
    try (CSVParser parser = FORMAT.parse(input)) {
      Iterator<CSVRecord> records = parser.iterator();
      int lastLine = 0;
      if (!CsvRecords.hasNext(records, file, lastLine)) {
        throw new DataFileException(Issue.ofFile(file, 1,
            "the file is empty; expected a header line naming the columns " + schemaHeaders()));
      }
      CSVRecord headerRecord = records.next();
      HeaderMapping header = HeaderMapping.of(file, headerRecord.toList(), options.columns());
      lastLine = (int) parser.getCurrentLineNumber();
      Table table = emptyTable(header);
      Map<String, Integer> firstLineOfId = new HashMap<>();
      int dataRows = 0;
      while (CsvRecords.hasNext(records, file, lastLine)) {
        CSVRecord record = records.next();
        int line = CsvRecords.startLine(parser, record);
        lastLine = (int) parser.getCurrentLineNumber();
        dataRows++;
        List<Issue> rowIssues = new ArrayList<>();
        Object[] values = parseRow(header, record, line, rowIssues);
        if (rowIssues.isEmpty()) {
          String id = (String) values[Field.CUSTOMER_ID.ordinal()];
          Integer earlier = firstLineOfId.putIfAbsent(id, line);
          if (earlier != null) {
            rowIssues.add(new Issue(file, line, header.columnNumber(Field.CUSTOMER_ID),
                Field.CUSTOMER_ID.header(), id, "is already used on line " + earlier + "; expected unique ids"));
          }
        }
        if (rowIssues.isEmpty()) {
          append(table, header, values, record);
        } else if (options.skipBadRows()) {
          skipped.add(new SkippedRow(line, rowIssues));
        } else {
          rowIssues.forEach(this::collect);
        }
      }
      if (!issues.isEmpty()) throw new DataFileException(file, issues, uncountedIssues);
      if (dataRows == 0) {
        throw new DataFileException(Issue.ofFile(file, 2, "the file has a header but no data rows"));
      }
      if (table.rowCount() == 0) {
        throw new DataFileException(file, skipped.stream().flatMap(s -> s.reasons().stream())
            .limit(options.maxIssues()).toList(), 0);
      }
      return new Dataset(file, table, header.extraColumns(), skipped, null, header.missing(), header.choices());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }



  private Object[] parseRow(HeaderMapping header, CSVRecord record, int line, List<Issue> rowIssues) {
    if (record.size() != header.width()) {
      rowIssues.add(Issue.ofFile(file, line, "has " + record.size() + " fields; expected "
          + header.width() + " like the header (check for an unquoted comma)"));
      return null;
    }
    Object[] values = new Object[Field.values().length];
    for (Field field : Field.values()) {
      int index = header.index(field);
      // A column the file lacks stays missing in every row; the Dataset says which.
      if (index < 0) continue;
      String raw = record.get(index);
      if (raw.indexOf(NOT_UTF8) >= 0) {
        rowIssues.add(new Issue(file, line, index + 1, field.header(), raw, NOT_UTF8_MESSAGE));
        continue;
      }
      try {
        values[field.ordinal()] = CellParser.parse(field, raw);
      } catch (IllegalArgumentException bad) {
        rowIssues.add(new Issue(file, line, index + 1, field.header(), raw, bad.getMessage()));
      }
    }
    return values;
  }

  private void collect(Issue issue) {
    if (issues.size() < options.maxIssues()) issues.add(issue);
    else uncountedIssues++;
  }

  private static Table emptyTable(HeaderMapping header) {
    List<Column<?>> columns = new ArrayList<>();
    for (Field field : Field.values()) {
      columns.add(switch (field.kind()) {
        case AGE, COUNT -> IntColumn.create(field.header());
        case MONEY, RATING -> DoubleColumn.create(field.header());
        case YES_NO -> BooleanColumn.create(field.header());
        case ID, TEXT, FREQUENCY -> StringColumn.create(field.header());
      });
    }
    header.extraColumns().forEach(name -> columns.add(StringColumn.create(name)));
    return Table.create("customers", columns.toArray(new Column<?>[0]));
  }

  private static void append(Table table, HeaderMapping header, Object[] values, CSVRecord record) {
    for (Field field : Field.values()) {
      Object value = values[field.ordinal()];
      Column<?> column = table.column(field.ordinal());
      if (value == null) column.appendMissing();
      else if (value instanceof Integer i) ((IntColumn) column).append(i);
      else if (value instanceof Double d) ((DoubleColumn) column).append(d);
      else if (value instanceof Boolean b) ((BooleanColumn) column).append(b);
      else ((StringColumn) column).append((String) value);
    }
    List<Integer> extras = header.extraIndexes();
    for (int i = 0; i < extras.size(); i++) {
      table.stringColumn(Field.values().length + i).append(record.get(extras.get(i)));
    }
  }



  private static String schemaHeaders() {
    StringBuilder out = new StringBuilder();
    for (Field f : Field.values()) out.append(out.length() == 0 ? "" : ", ").append(f.header());
    return out.toString();
  }
}
