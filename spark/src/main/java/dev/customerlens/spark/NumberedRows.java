package dev.customerlens.spark;

import dev.customerlens.errors.WorkspaceException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The rows of a file or a folder of files, each numbered within its file (the first row is 1: a
 * text file's first line, or a Parquet file's first row), so that a bad row is reported where a
 * person can find it. Spark keeps no row numbers and splits large files between partitions, so one
 * pass counts each partition's rows per file; a partition's first row number is then one more than
 * the rows of the same file in the partitions before it, since Spark hands a file's splits to
 * partitions in order. That costs one extra pass over the input.
 *
 * <p>Each row also gets an order key, the file's place in name order above {@value #ROW_BITS} bits
 * of row number, which sorts rows as reading the files one after the other would.
 */
final class NumberedRows {
  static final int ROW_BITS = 40;
  /** Columns every checked input carries: where a row came from, and why it was rejected (null if it was not). */
  static final String FILE = "source_file";
  static final String LINE = "source_line";
  static final String ORDER = "source_order";
  static final String RAW = "raw";
  static final String REASONS = "reasons";

  /** One partition's share of one file: how many rows it holds, and the first cell of its first row. */
  private record Share(int partition, String file, long rows, String first) implements Serializable {}

  private final JavaRDD<Row> rows;
  private final Map<String, String> firsts;

  private NumberedRows(JavaRDD<Row> rows, Map<String, String> firsts) {
    this.rows = rows;
    this.firsts = firsts;
  }

  /**
   * Numbers the rows of {@code source}, whose first column is text and second the file each row
   * comes from ({@code _metadata.file_path}); the input must hold at least one row.
   */
  static NumberedRows of(Dataset<Row> source, String path) {
    JavaRDD<Row> input = source.javaRDD();
    List<Share> shares = input.mapPartitionsWithIndex((partition, it) -> {
      Map<String, Share> seen = new LinkedHashMap<>();
      while (it.hasNext()) {
        Row row = it.next();
        Share share = seen.get(row.getString(1));
        seen.put(row.getString(1), share == null ? new Share(partition, row.getString(1), 1, row.getString(0))
            : new Share(partition, share.file(), share.rows() + 1, share.first()));
      }
      return seen.values().iterator();
    }, true).collect();
    if (shares.isEmpty()) throw new WorkspaceException(path + ": nothing to read");

    TreeMap<String, List<Share>> byFile = new TreeMap<>();
    for (Share share : shares) byFile.computeIfAbsent(share.file(), f -> new ArrayList<>()).add(share);
    Map<String, Long> firstNumbers = new HashMap<>();
    Map<String, Long> fileKeys = new HashMap<>();
    Map<String, String> firsts = new LinkedHashMap<>();
    for (Map.Entry<String, List<Share>> file : byFile.entrySet()) {
      List<Share> parts = file.getValue();
      parts.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
      long next = 1;
      for (Share part : parts) {
        firstNumbers.put(key(part.partition(), part.file()), next);
        next += part.rows();
      }
      fileKeys.put(file.getKey(), (long) fileKeys.size() << ROW_BITS);
      firsts.put(file.getKey(), parts.get(0).first());
    }
    return new NumberedRows(input.mapPartitionsWithIndex(
        (partition, it) -> numbered(partition, it, firstNumbers, fileKeys), true), firsts);
  }

  /** Rows of file (text), number (long), order key (long) and the source row, in the source's order. */
  JavaRDD<Row> rows() {
    return rows;
  }

  /** The first cell of each file's first row, by file, in name order: a text file's first line. */
  Map<String, String> firsts() {
    return firsts;
  }

  private static String key(int partition, String file) {
    return partition + "\u0000" + file;
  }

  private static Iterator<Row> numbered(int partition, Iterator<Row> rows, Map<String, Long> firstNumbers,
      Map<String, Long> fileKeys) {
    Map<String, Long> next = new HashMap<>();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        Row row = rows.next();
        String file = row.getString(1);
        long number = next.computeIfAbsent(file, f -> firstNumbers.get(key(partition, f)));
        next.put(file, number + 1);
        return RowFactory.create(file, number, fileKeys.get(file) | number, row);
      }
    };
  }
}
