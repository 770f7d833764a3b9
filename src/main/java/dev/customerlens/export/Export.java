package dev.customerlens.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
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

  public static Path atomically(Path target, Body body) {
    Path absolute = target.toAbsolutePath();
    try {
      Files.createDirectories(absolute.getParent());
      Path temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".partial");
      try {
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(temporary, StandardCharsets.UTF_8), 1 << 16)) {
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

  public static void writeCsv(Table table, Writer out) throws IOException {
    CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get());
    printer.printRecord(table.columnNames().stream().map(Export::guard).toList());
    Object[] row = new Object[table.columnCount()];
    for (int r = 0; r < table.rowCount(); r++) {
      for (int c = 0; c < row.length; c++) {
        Column<?> column = table.column(c);
        row[c] = column.isMissing(r) ? "" : cell(column, r);
      }
      printer.printRecord(row);
    }
    printer.flush();
  }

  public static Path json(Object value, Path target) {
    return atomically(target, out -> out.write(Json.write(value) + "\n"));
  }

  public static Path text(String text, Path target) {
    return atomically(target, out -> out.write(text));
  }

  private static Object cell(Column<?> column, int row) {
    Object value = column.get(row);
    if (value instanceof String s) return guard(s);
    if (value instanceof Double d) return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    if (value instanceof Boolean b) return b ? "Yes" : "No";
    return value.toString();
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
