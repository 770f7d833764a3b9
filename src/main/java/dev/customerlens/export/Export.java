package dev.customerlens.export;

import dev.customerlens.errors.WorkspaceException;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Writes results to files safely: everything goes to a temporary file beside the target and is
 * moved into place only when complete, so a failure never leaves a half-written output.
 */
public final class Export {
  /** Writes the body of a file; may throw IOException. */
  @FunctionalInterface
  public interface Body {
    void writeTo(Writer out) throws IOException;
  }

  private Export() {}

  /** Writes the bytes of a file; may throw IOException. */
  @FunctionalInterface
  public interface BinaryBody {
    void writeTo(OutputStream out) throws IOException;
  }

  public static Path atomically(Path target, Body body) {
    return atomicallyBinary(target, out -> {
      try (Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
        body.writeTo(writer);
      }
    });
  }

  public static Path atomicallyBinary(Path target, BinaryBody body) {
    Path absolute = target.toAbsolutePath();
    try {
      Files.createDirectories(absolute.getParent());
      Path temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".partial");
      try {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16)) {
          body.writeTo(out);
        }
        // Temporary files are private (0600); give the result the permissions a new file would get.
        if (Files.exists(absolute)) copyPermissions(absolute, temporary);
        else makeReadable(temporary);
        move(temporary, absolute);
      } finally {
        Files.deleteIfExists(temporary);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  private static void copyPermissions(Path from, Path to) throws IOException {
    if (Files.getFileStore(to).supportsFileAttributeView(PosixFileAttributeView.class)) {
      Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
    }
  }

  private static void makeReadable(Path file) throws IOException {
    if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** A table as RFC 4180 CSV, text cells guarded against spreadsheet formula injection. */
  public static Path csv(Table table, Path target) {
    return atomically(target, out -> writeCsv(table, out));
  }

  /**
   * The header, then a record per row as {@link #csvRecord} writes one. Each column is read as its
   * type, without boxing a million values per column.
   */
  public static void writeCsv(Table table, Writer out) throws IOException {
    out.write(csvRecord(table.columnNames()));
    List<IntFunction<Object>> cells = new ArrayList<>();
    for (Column<?> column : table.columns()) cells.add(cellsOf(column));
    StringBuilder record = new StringBuilder(256);
    for (int r = 0; r < table.rowCount(); r++) {
      record.setLength(0);
      for (int c = 0; c < cells.size(); c++) {
        if (c > 0) record.append(',');
        appendCell(record, cells.get(c).apply(r), c == 0);
      }
      out.append(record.append('\n'));
    }
  }

  private static IntFunction<Object> cellsOf(Column<?> column) {
    if (column instanceof DoubleColumn numbers) return row -> numbers.isMissing(row) ? null : numbers.getDouble(row);
    if (column instanceof StringColumn texts) return row -> texts.get(row);
    return row -> column.isMissing(row) ? null : column.get(row);
  }

  /**
   * One CSV record exactly as {@link #writeCsv} writes a row, ending in its "\n": text guarded
   * against formula injection, numbers in plain notation ({@link #number}), yes/no as Yes and No,
   * null (and NaN) as an empty cell. Quoted where RFC 4180 needs it and where commons-csv's minimal
   * quoting would quote (a cell starting with a character up to '#' or ending in one up to a space,
   * an empty first cell), so files read back the same by every CSV reader. For files that grow a
   * record at a time, such as a log that live events are appended to.
   */
  public static String csvRecord(List<?> cells) {
    StringBuilder out = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      if (c > 0) out.append(',');
      appendCell(out, cells.get(c), c == 0);
    }
    return out.append('\n').toString();
  }

  /** A text cell: guarded against formula injection, then quoted as {@link #csvRecord} quotes. */
  public static String csvText(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2);
    appendText(out, guard(text), false);
    return out.toString();
  }

  private static void appendCell(StringBuilder out, Object value, boolean first) {
    if (value == null) {
      appendText(out, "", first);
    } else if (value instanceof Double d) {
      // Digits, a point and a minus sign: never quoted.
      if (!d.isNaN()) out.append(number(d));
      else appendText(out, "", first);
    } else if (value instanceof Boolean yes) {
      out.append(yes ? "Yes" : "No");
    } else {
      appendText(out, value instanceof String text ? guard(text) : value.toString(), first);
    }
  }

  private static void appendText(StringBuilder out, String text, boolean first) {
    boolean quote = text.isEmpty() ? first : text.charAt(0) <= '#' || text.charAt(text.length() - 1) <= ' ';
    for (int i = 0; i < text.length() && !quote; i++) {
      char c = text.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    if (!quote) {
      out.append(text);
      return;
    }
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') out.append('"');
      out.append(c);
    }
    out.append('"');
  }

  /**
   * Writes a table in the format its file name asks for: .csv, .json (an array of row objects) or
   * .xlsx. Text is guarded against formula injection in CSV and XLSX.
   */
  public static Path table(Table table, Path target) {
    String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) return csv(table, target);
    if (name.endsWith(".json")) return json(rows(table), target);
    if (name.endsWith(".xlsx")) return xlsx(table, target);
    throw new WorkspaceException(target + ": unknown export format; use a name ending .csv, .json or .xlsx");
  }

  /**
   * A table as an Excel workbook; numbers stay numbers, text is guarded. A sheet holds at most
   * {@value #ROWS_PER_SHEET} rows under its header (Excel's limit), so longer tables go on over
   * further sheets ("name 2", "name 3", ...), each with the header, rather than being cut.
   */
  public static Path xlsx(Table table, Path target) {
    return xlsx(table, target, ROWS_PER_SHEET);
  }

  /** Excel's 1,048,576 rows per sheet, less the header. */
  static final int ROWS_PER_SHEET = Worksheet.MAX_ROWS - 1;
  private static final int XLSX_FLUSH_ROWS = 10_000;

  static Path xlsx(Table table, Path target, int rowsPerSheet) {
    return atomicallyBinary(target, out -> {
      Workbook workbook = new Workbook(out, "Customer Lens", null);
      int sheets = Math.max(1, (table.rowCount() + rowsPerSheet - 1) / rowsPerSheet);
      for (int part = 0; part < sheets; part++) {
        Worksheet sheet = workbook.newWorksheet(sheetName(table.name(), part + 1));
        for (int c = 0; c < table.columnCount(); c++) {
          sheet.value(0, c, guard(table.column(c).name()));
          sheet.style(0, c).bold().set();
        }
        int from = part * rowsPerSheet;
        int to = Math.min(table.rowCount(), from + rowsPerSheet);
        for (int r = from; r < to; r++) {
          for (int c = 0; c < table.columnCount(); c++) {
            Column<?> column = table.column(c);
            if (column.isMissing(r)) continue;
            Object value = column.get(r);
            if (value instanceof Number n) sheet.value(r - from + 1, c, n);
            else if (value instanceof Boolean b) sheet.value(r - from + 1, c, b ? "Yes" : "No");
            else sheet.value(r - from + 1, c, guard(String.valueOf(value)));
          }
          // Written out as it fills, so a million rows are never all held as cells at once.
          if ((r - from + 1) % XLSX_FLUSH_ROWS == 0) sheet.flush();
        }
        sheet.finish();
      }
      workbook.finish();
    });
  }

  /** Excel sheet names: at most 31 characters, none of []:*?/\ ; the second and later parts numbered. */
  private static String sheetName(String name, int part) {
    String clean = name == null || name.isBlank() ? "Sheet1" : name.replaceAll("[\\\\/*?:\\[\\]]", " ");
    String suffix = part == 1 ? "" : " " + part;
    return (clean.length() + suffix.length() > 31 ? clean.substring(0, 31 - suffix.length()) : clean) + suffix;
  }

  /** A table as a list of row objects keyed by column name, for JSON. */
  public static List<Map<String, Object>> rows(Table table) {
    List<Map<String, Object>> rows = new ArrayList<>(table.rowCount());
    for (int r = 0; r < table.rowCount(); r++) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (Column<?> column : table.columns()) row.put(column.name(), column.isMissing(r) ? null : column.get(r));
      rows.add(row);
    }
    return rows;
  }

  public static Path json(Object value, Path target) {
    return atomically(target, out -> out.write(Json.write(value) + "\n"));
  }

  public static Path text(String text, Path target) {
    return atomically(target, out -> out.write(text));
  }

  /**
   * A number as a CSV cell: its shortest decimal text without exponent or trailing zeros (2.5, 100,
   * 0.00001), the text of {@code BigDecimal.valueOf(d).stripTrailingZeros().toPlainString()}. That
   * takes a BigDecimal per cell, which at a million rows of scores costs more than all the rest, so
   * the text of {@link Double#toString} is trimmed instead wherever it has no exponent.
   */
  static String number(double d) {
    String text = Double.toString(d);
    if (text.indexOf('E') >= 0) return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    int end = text.length();
    while (text.charAt(end - 1) == '0') end--;
    if (text.charAt(end - 1) == '.') end--;
    text = text.substring(0, end);
    return text.equals("-0") ? "0" : text;
  }

  /**
   * Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return) as a formula.
   * A leading apostrophe makes them show it as text instead (OWASP "CSV injection").
   */
  public static String guard(String text) {
    if (text.isEmpty()) return text;
    char first = text.charAt(0);
    return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
        ? "'" + text : text;
  }
}
