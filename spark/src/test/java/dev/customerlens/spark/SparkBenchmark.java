package dev.customerlens.spark;

import dev.customerlens.export.Export;
import dev.customerlens.generate.SyntheticCustomers;
import dev.customerlens.generate.SyntheticEvents;
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
 * With {@code --logs N,...}, the same for generated event logs of N customers ({@code lens score
 * --events}): equal scores where the forecast's fit on the driver reads every customer, and where it
 * reads a sample, how far each score moved from the local engine's fit to all of them.
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
    // "none" for either list skips it.
    for (String size : options.getOrDefault("--logs", "none").split(",")) {
      if (!size.equals("none")) log(project, dir, Integer.parseInt(size.trim()), runs, master);
    }
    for (String size : options.getOrDefault("--sizes", "1000000,5000000").split(",")) {
      if (size.equals("none")) continue;
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

  /** A generated log of {@code customers} customers scored by both engines. */
  private static void log(Path project, Path dir, int customers, int runs, String master) throws Exception {
    Path input = dir.resolve("events-" + customers + ".csv");
    if (!Files.exists(input)) {
      Export.atomically(input, SyntheticEvents.withSeed(SyntheticEvents.DEFAULT_SEED).customers(customers)::writeCsv);
    }
    double[] local = new double[runs];
    double[] spark = new double[runs];
    String fit = "";
    for (int run = 0; run < runs; run++) {
      local[run] = time(List.of("java", "-jar", project.resolve("target/customer-lens.jar").toString(), "score",
          "--events", input.toString(), "--out", dir.resolve("local-log").toString()), null);
      List<String> lines = new ArrayList<>();
      spark[run] = time(List.of(project.resolve("lens").toString(), "score", "--engine", "spark", "--master", master,
          "--events", input.toString(), "--out", dir.resolve("spark-log").toString()), lines);
      for (String line : lines) if (line.startsWith("forecast: ")) fit = line;
    }
    System.out.printf(Locale.ROOT, "%n%,d customers' log (%.0f MB): local %.2f s, spark %.2f s, spark/local %.1fx%n  %s%n",
        customers, Files.size(input) / 1e6, median(local), median(spark), median(spark) / median(local), fit);
    try (CsvTables.Stream expected = CsvTables.stream(dir.resolve("local-log/scores.csv"));
         CsvTables.Stream actual = CsvTables.stream(dir.resolve("spark-log").resolve(SparkScores.SCORES_CSV))) {
      List<String> header = expected.header();
      List<String> compared = List.of("purchase_pct", "churn_pct", "clv", "expected_purchases_90d");
      Map<String, List<Double>> moved = new LinkedHashMap<>();
      long rows = 0;
      long sameAction = 0;
      List<String> differences = new ArrayList<>();
      Iterator<List<String>> x = expected.rows();
      Iterator<List<String>> y = actual.rows();
      while (x.hasNext() && y.hasNext()) {
        List<String> a = x.next();
        List<String> b = y.next();
        rows++;
        if (!a.get(0).equals(b.get(0))) throw new IllegalStateException("row " + rows + ": " + a.get(0) + " vs " + b.get(0));
        int action = header.indexOf("recommendation");
        if (a.get(action).equals(b.get(action))) sameAction++;
        for (int c = 0; c < a.size(); c++) {
          if (!CsvTables.same(a.get(c), b.get(c)) && differences.size() < 5) differences.add(header.get(c) + " row " + rows);
        }
        for (String name : compared) {
          int c = header.indexOf(name);
          if (a.get(c).isEmpty() || b.get(c).isEmpty()) continue;
          moved.computeIfAbsent(name, k -> new ArrayList<>()).add(Math.abs(Double.parseDouble(a.get(c))
              - Double.parseDouble(b.get(c))));
        }
      }
      System.out.printf(Locale.ROOT, "  %s; same top recommendation for %.1f%% of %,d customers%n",
          differences.isEmpty() ? "every score equal" : "scores differ (first: " + differences + ")",
          100.0 * sameAction / rows, rows);
      moved.forEach((name, d) -> {
        double[] values = d.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(values);
        System.out.printf(Locale.ROOT, "  %-24s absolute difference: median %.4f, 95th percentile %.4f%n", name,
            median(values), values[(int) (0.95 * (values.length - 1))]);
      });
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
