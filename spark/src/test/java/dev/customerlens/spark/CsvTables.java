package dev.customerlens.spark;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** CSV outputs read back for comparison: one file, or a Spark folder's part files in part order. */
final class CsvTables {
  private CsvTables() {}

  private static List<Path> files(Path fileOrFolder) throws IOException {
    if (!Files.isDirectory(fileOrFolder)) return List.of(fileOrFolder);
    try (java.util.stream.Stream<Path> list = Files.list(fileOrFolder)) {
      return list.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
    }
  }

  record Table(List<String> header, List<List<String>> rows) {}

  static Table read(Path fileOrFolder) {
    try {
      List<Path> files = files(fileOrFolder);
      List<String> header = null;
      List<List<String>> rows = new ArrayList<>();
      for (Path file : files) {
        try (Reader in = Files.newBufferedReader(file);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
          if (header == null) header = parser.getHeaderNames();
          for (CSVRecord record : parser) rows.add(record.toList());
        }
      }
      return new Table(header == null ? List.of() : header, rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The header and the rows of a file or a Spark folder's part files, streamed in part order. */
  record Stream(List<String> header, Iterator<List<String>> rows, AutoCloseable closer) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      closer.close();
    }
  }

  static Stream stream(Path fileOrFolder) throws IOException {
    List<Path> files = files(fileOrFolder);
    List<CSVParser> parsers = new ArrayList<>();
    for (Path file : files) {
      parsers.add(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
          .parse(Files.newBufferedReader(file)));
    }
    List<String> header = parsers.isEmpty() ? List.of() : parsers.get(0).getHeaderNames();
    Iterator<List<String>> rows = parsers.stream().flatMap(p -> p.stream().map(CSVRecord::toList)).iterator();
    return new Stream(header, rows, () -> {
      for (CSVParser parser : parsers) parser.close();
    });
  }

  /** Differences between two streams of rows of the same header, as {@link #differences(Table, Table)}. */
  static List<String> differences(List<String> header, Iterator<List<String>> expected, Iterator<List<String>> actual) {
    List<String> out = new ArrayList<>();
    long row = 0;
    while (expected.hasNext() && actual.hasNext()) {
      row++;
      List<String> x = expected.next();
      List<String> y = actual.next();
      for (int c = 0; c < x.size(); c++) {
        if (!same(x.get(c), y.get(c)) && out.size() < 20) out.add("row " + row + " " + header.get(c) + ": " + x.get(c) + " vs " + y.get(c));
      }
    }
    if (expected.hasNext() || actual.hasNext()) out.add("row counts differ after " + row + " rows");
    return out;
  }

  /**
   * Differences between two tables of the same header, row by row: numbers equal within 1e-9
   * (relative above 1), text exactly. Empty when they agree.
   */
  static List<String> differences(Table expected, Table actual) {
    List<String> out = new ArrayList<>();
    if (!expected.header().equals(actual.header())) {
      out.add("headers differ: " + expected.header() + " vs " + actual.header());
      return out;
    }
    if (expected.rows().size() != actual.rows().size()) {
      out.add("row counts differ: " + expected.rows().size() + " vs " + actual.rows().size());
    }
    for (int r = 0; r < Math.min(expected.rows().size(), actual.rows().size()); r++) {
      List<String> x = expected.rows().get(r);
      List<String> y = actual.rows().get(r);
      for (int c = 0; c < x.size(); c++) {
        if (!same(x.get(c), y.get(c)) && out.size() < 20) {
          out.add("row " + (r + 1) + " " + expected.header().get(c) + ": " + x.get(c) + " vs " + y.get(c));
        }
      }
    }
    return out;
  }

  static boolean same(String a, String b) {
    if (a.equals(b)) return true;
    try {
      double x = Double.parseDouble(a);
      double y = Double.parseDouble(b);
      return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
