package dev.customerlens.spark;

import dev.customerlens.export.Export;
import dev.customerlens.generate.SyntheticCustomers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The local engine against Spark on this machine, each run in its own JVM as a user runs them:
 * {@code java -jar target/customer-lens.jar score} and {@code lens score --engine spark --master
 * local[2]}. Reports medians, the ratio to the local engine measured in the same run, the median of
 * each Spark step, rows per second per core, and checks that both engines wrote the same scores.
 *
 * <pre>mvn -f spark/pom.xml -Pbench -DskipTests verify [-Dbench.sizes=1000000,5000000 -Dbench.runs=3]</pre>
 */
public final class SparkBenchmark {
  private static final Pattern PHASE = Pattern.compile("^\\s+([0-9.]+) s  (.+)$");
  private static final Pattern CACHED = Pattern.compile("^cached while writing: ([0-9,]+) MB, ([0-9,]+) bytes a customer$");

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) options.put(args[i], args[i + 1]);
    Path project = Path.of(options.getOrDefault("--project", "..")).toAbsolutePath().normalize();
    Path dir = Path.of(options.getOrDefault("--dir", "/tmp/customer-lens-spark-bench"));
    int runs = Integer.parseInt(options.getOrDefault("--runs", "3"));
    String master = options.getOrDefault("--master", "local[2]");
    Files.createDirectories(dir);
    System.out.printf(Locale.ROOT, "%d cores, master %s, %d runs each; medians%n", Runtime.getRuntime().availableProcessors(),
        master, runs);
    for (String size : options.getOrDefault("--sizes", "1000000,5000000").split(",")) {
      int rows = Integer.parseInt(size.trim());
      Path input = dir.resolve("customers-" + rows + ".csv");
      if (!Files.exists(input)) {
        Export.atomically(input, SyntheticCustomers.withSeed(SyntheticCustomers.DEFAULT_SEED).rows(rows)::writeCsv);
      }
      double[] local = new double[runs];
      double[] spark = new double[runs];
      Map<String, double[]> phases = new LinkedHashMap<>();
      double[] cached = new double[runs];
      for (int run = 0; run < runs; run++) {
        local[run] = time(List.of("java", "-jar", project.resolve("target/customer-lens.jar").toString(), "score",
            "--input", input.toString(), "--out", dir.resolve("local").toString()), null);
        List<String> lines = new ArrayList<>();
        spark[run] = time(List.of(project.resolve("lens").toString(), "score", "--engine", "spark", "--master", master,
            "--input", input.toString(), "--out", dir.resolve("spark").toString()), lines);
        for (String line : lines) {
          Matcher m = PHASE.matcher(line);
          if (m.matches()) phases.computeIfAbsent(m.group(2), k -> new double[runs])[run] = Double.parseDouble(m.group(1));
          Matcher c = CACHED.matcher(line);
          if (c.matches()) cached[run] = Double.parseDouble(c.group(2).replace(",", ""));
        }
      }
      List<String> differences = new ArrayList<>();
      Path localScores = dir.resolve("local/scores.csv");
      try (CsvTables.Stream expected = CsvTables.stream(localScores);
           CsvTables.Stream actual = CsvTables.stream(dir.resolve("spark").resolve(SparkScores.SCORES_CSV))) {
        differences.addAll(CsvTables.differences(expected.header(), expected.rows(), actual.rows()));
      }
      try (CsvTables.Stream expected = CsvTables.stream(localScores)) {
        differences.addAll(parquetDifferences(expected, dir.resolve("spark").resolve(SparkScores.SCORES)));
      }
      double sparkMedian = median(spark);
      System.out.printf(Locale.ROOT, "%n%,d rows (%.0f MB): local %.2f s, spark %.2f s, spark/local %.1fx; "
          + "spark %,.0f rows/s/core over %s; CSV and Parquet outputs %s%n", rows, Files.size(input) / 1e6, median(local), sparkMedian,
          sparkMedian / median(local), rows / sparkMedian / cores(master), master,
          differences.isEmpty() ? "equal" : "DIFFER " + differences);
      System.out.printf(Locale.ROOT, "  cached while writing: %.0f bytes a customer%n", median(cached));
      phases.forEach((name, seconds) -> System.out.printf(Locale.ROOT, "  %6.1f s %5.1f%%  %s%n", median(seconds),
          100 * median(seconds) / sparkMedian, name));
    }
  }

  /** The Parquet output, read back in input order with Spark, against the local engine's CSV. */
  private static List<String> parquetDifferences(CsvTables.Stream expected, Path parquet) {
    SparkSession spark = SparkSession.builder().master("local[2]").appName("bench check")
        .config("spark.ui.enabled", "false").getOrCreate();
    try {
      Column[] columns = SparkScoring.OUTPUT.stream().map(functions::col).toArray(Column[]::new);
      Iterator<Row> it = spark.read().parquet(parquet.toString()).orderBy("source_file", "source_line").select(columns)
          .toLocalIterator();
      Iterator<List<String>> rows = new Iterator<>() {
        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public List<String> next() {
          Row row = it.next();
          List<String> cells = new ArrayList<>();
          for (int c = 0; c < row.size(); c++) cells.add(row.isNullAt(c) ? "" : String.valueOf(row.get(c)));
          return cells;
        }
      };
      return CsvTables.differences(expected.header(), expected.rows(), rows);
    } finally {
      spark.stop();
    }
  }

  private static int cores(String master) {
    Matcher m = Pattern.compile("local\\[(\\d+)]").matcher(master);
    return m.matches() ? Integer.parseInt(m.group(1)) : Runtime.getRuntime().availableProcessors();
  }

  private static double time(List<String> command, List<String> output) throws IOException, InterruptedException {
    long started = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) if (output != null) output.add(line);
    }
    int exit = process.waitFor();
    double seconds = (System.nanoTime() - started) / 1e9;
    if (exit != 0) throw new IllegalStateException(command + " exited " + exit + ": " + output);
    return seconds;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
