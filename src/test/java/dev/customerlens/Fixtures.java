package dev.customerlens;

import dev.customerlens.events.EventLog;
import dev.customerlens.events.LogFormat;
import dev.customerlens.events.LogReadOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** The small hand-written customer file and ways to write variants of it. */
public final class Fixtures {
  private Fixtures() {}

  /** 12 customers in the published schema, header first, LF line ends. */
  public static String smallCsv() {
    try (InputStream in = Fixtures.class.getResourceAsStream("/customers-small.csv")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One of the three hand-written files in the headers of the public releases, written to {@code dir}:
   * {@code original-18.csv}, {@code snake-17.csv} (no promo column) and {@code release-20.csv}
   * (category_age, and Payment_Method beside Preferred_Payment_Method). Each holds the same three
   * customers, except that release-20's Payment_Method differs from the others' payment column.
   */
  public static Path variant(Path dir, String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/variants/" + name)) {
      return write(dir, name, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The embedded 3,900-customer file, as text. */
  public static String readEmbedded() {
    try (InputStream in = Fixtures.class.getResourceAsStream("/dev/customerlens/data/customers.csv")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The small file with one line (1 = header) replaced. */
  public static String smallCsvWithLine(int line, String replacement) {
    String[] lines = smallCsv().split("\n", -1);
    lines[line - 1] = replacement;
    return String.join("\n", lines);
  }

  public static Path write(Path dir, String name, String text) {
    return write(dir, name, text.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code text} gzip-compressed, as a retailer's export often comes. */
  public static byte[] gzip(String text) {
    var out = new java.io.ByteArrayOutputStream();
    try (var zip = new java.util.zip.GZIPOutputStream(out)) {
      zip.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static Path write(Path dir, String name, byte[] bytes) {
    try {
      return Files.write(dir.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An event log worked out by hand: A bought 2024-01-01 ($10), 01-20 ($20) and 03-10 ($30); B once on
   * 01-05 ($50); C first on 02-15 ($40). Read as if from a file called {@code name}.
   */
  public static EventLog threeBuyersLog(String name) {
    String csv = """
        customer_id,timestamp,event,category,amount
        A,2024-01-01T10:00:00,purchase,Clothing,10.00
        B,2024-01-05T10:00:00,purchase,Clothing,50.00
        A,2024-01-20T10:00:00,purchase,Clothing,20.00
        C,2024-02-15T10:00:00,purchase,Clothing,40.00
        A,2024-03-10T10:00:00,purchase,Clothing,30.00
        """;
    return EventLog.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), name, LogFormat.EVENTS,
        LogReadOptions.strict());
  }

  /** The rows of a CSV file with a header line, each as header → cell. */
  public static List<Map<String, String>> csvRows(Path csv) {
    try (Reader in = Files.newBufferedReader(csv);
        CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
      return parser.getRecords().stream().map(CSVRecord::toMap).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
