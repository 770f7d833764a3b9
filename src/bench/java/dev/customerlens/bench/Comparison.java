package dev.customerlens.bench;

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

/**
 * Two CSV outputs compared row by row and cell by cell, streaming: numbers equal within 1e-9
 * (relative above 1), everything else exactly.
 */
record Comparison(long rows, int columns, long differences, List<String> examples) {
  static final double TOLERANCE = 1e-9;

  static Comparison of(Path expected, Path actual) {
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
    try (Reader a = Files.newBufferedReader(expected); Reader b = Files.newBufferedReader(actual);
        CSVParser left = format.parse(a); CSVParser right = format.parse(b)) {
      List<String> names = left.getHeaderNames();
      List<String> examples = new ArrayList<>();
      long differences = 0;
      if (!names.equals(right.getHeaderNames())) {
        return new Comparison(0, names.size(), 1, List.of("headers differ: " + names + " and " + right.getHeaderNames()));
      }
      Iterator<CSVRecord> l = left.iterator();
      Iterator<CSVRecord> r = right.iterator();
      long rows = 0;
      while (l.hasNext() && r.hasNext()) {
        CSVRecord x = l.next();
        CSVRecord y = r.next();
        rows++;
        for (int c = 0; c < names.size(); c++) {
          if (!same(x.get(c), y.get(c))) {
            differences++;
            if (examples.size() < 5) examples.add("row " + rows + " " + names.get(c) + ": " + x.get(c) + " vs " + y.get(c));
          }
        }
      }
      if (l.hasNext() || r.hasNext()) {
        differences++;
        examples.add("row counts differ after " + rows + " rows");
      }
      return new Comparison(rows, names.size(), differences, examples);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean same(String a, String b) {
    if (a.equals(b)) return true;
    try {
      double x = Double.parseDouble(a);
      double y = Double.parseDouble(b);
      return Math.abs(x - y) <= TOLERANCE * Math.max(1, Math.abs(x));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return differences == 0
        ? String.format("%,d rows x %d columns equal", rows, columns)
        : String.format("%,d of %,d rows x %d columns differ, e.g. %s", differences, rows, columns, examples);
  }
}
