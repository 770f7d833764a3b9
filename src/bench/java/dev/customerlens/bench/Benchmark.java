package dev.customerlens.bench;

import dev.customerlens.export.Export;
import dev.customerlens.generate.SyntheticCustomers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The batch scoring benchmark: for each size, generates the input once, then runs each engine as a
 * separate JVM in turn, {@code --runs} times, timing it from start to exit and reading its peak
 * resident memory (VmHWM) from /proc while it runs; compares the outputs row by row; prints medians,
 * rows a second and the ratios to DuckDB. Run it through the {@code bench} Maven profile (README).
 */
public final class Benchmark {
  private enum Engine { OURS("lens score"), DUCKDB("DuckDB"), TABLESAW("Tablesaw"),
    READ_BYTES("byte-level reader"), READ_TABLE("Dataset.read, into Tablesaw columns");
    final String label;

    Engine(String label) {
      this.label = label;
    }
  }

  private Benchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>(Map.of("--sizes", "100000,1000000,5000000", "--runs", "3",
        "--dir", "/tmp/customer-lens-bench", "--seed", "7", "--duckdb-threads", "2", "--tablesaw-up-to", "1000000",
        "--readers", "true"));
    for (int i = 0; i + 1 < args.length; i += 2) options.put(args[i], args[i + 1]);
    Path jar = Path.of(options.get("--jar"));
    Path dir = Path.of(options.get("--dir"));
    int runs = Integer.parseInt(options.get("--runs"));
    long tablesawUpTo = Long.parseLong(options.get("--tablesaw-up-to"));
    boolean readers = Boolean.parseBoolean(options.get("--readers"));
    String classpath = System.getProperty("java.class.path");
    String java = ProcessHandle.current().info().command().orElse("java");
    Files.createDirectories(dir);
    System.out.printf(Locale.ROOT, "batch scoring benchmark: %d runs per size, %d cores, load average %s at start%n",
        runs, Runtime.getRuntime().availableProcessors(), ChildRun.loadAverage());

    List<String> table = new ArrayList<>();
    List<String> readerTable = new ArrayList<>();
    List<String> checks = new ArrayList<>();
    for (String size : options.get("--sizes").split(",")) {
      int rows = Integer.parseInt(size.strip());
      Path input = dir.resolve("customers-" + rows + ".csv");
      if (!Files.exists(input)) {
        System.out.println("generating " + input);
        Export.atomically(input, SyntheticCustomers.withSeed(Long.parseLong(options.get("--seed"))).rows(rows)::writeCsv);
      }
      Map<Engine, List<ChildRun>> results = new LinkedHashMap<>();
      for (int run = 1; run <= runs; run++) {
        for (Engine engine : Engine.values()) {
          if ((engine == Engine.TABLESAW || engine == Engine.READ_TABLE) && rows > tablesawUpTo) continue;
          if ((engine == Engine.READ_BYTES || engine == Engine.READ_TABLE) && !readers) continue;
          Path out = dir.resolve("out-" + engine.name().toLowerCase(Locale.ROOT) + "-" + rows);
          List<String> command = switch (engine) {
            case OURS -> List.of(java, "-jar", jar.toString(), "score", "--input", input.toString(), "--out", out.toString());
            case DUCKDB -> List.of(java, "-cp", classpath, DuckDbScore.class.getName(), input.toString(), out.toString(),
                options.get("--duckdb-threads"));
            case TABLESAW -> List.of(java, "-cp", classpath, TablesawScore.class.getName(), input.toString(), out.toString());
            case READ_BYTES -> List.of(java, "-cp", classpath, "dev.customerlens.score.ReadBench", "bytes", input.toString());
            case READ_TABLE -> List.of(java, "-cp", classpath, "dev.customerlens.score.ReadBench", "table", input.toString());
          };
          ChildRun result = ChildRun.of(command, dir.resolve("log-" + engine.name().toLowerCase(Locale.ROOT) + "-" + rows + ".txt"));
          results.computeIfAbsent(engine, e -> new ArrayList<>()).add(result);
          System.out.printf(Locale.ROOT, "  %,d rows, run %d, %-10s %7.2f s %,8d MB%s%n", rows, run, engine.label,
              result.seconds(), result.peakKb() / 1024, result.failure() == null ? "" : " FAILED: " + result.failure());
        }
      }
      ChildRun duck = ChildRun.median(results.get(Engine.DUCKDB));
      for (Map.Entry<Engine, List<ChildRun>> entry : results.entrySet()) {
        ChildRun m = ChildRun.median(entry.getValue());
        if (m.failure() != null) {
          (entry.getKey().name().startsWith("READ") ? readerTable : table).add(String.format(Locale.ROOT,
              "| %,d | %s | failed: %s |", rows, entry.getKey().label, m.failure()));
          continue;
        }
        if (entry.getKey() == Engine.READ_BYTES || entry.getKey() == Engine.READ_TABLE) {
          List<ChildRun> viaDataset = results.get(Engine.READ_TABLE);
          String ratio = viaDataset == null || ChildRun.median(viaDataset).failure() != null ? "–"
              : String.format(Locale.ROOT, "%.2f×", m.seconds() / ChildRun.median(viaDataset).seconds());
          readerTable.add(String.format(Locale.ROOT, "| %,d | %s | %.2f | %,.0f | %,d | %s |", rows, entry.getKey().label,
              m.seconds(), rows / m.seconds(), m.peakKb() / 1024, ratio));
          continue;
        }
        table.add(String.format(Locale.ROOT, "| %,d | %s | %.2f | %,.0f | %.2f | %,d | %.2f× | %.2f× |", rows,
            entry.getKey().label, m.seconds(), rows / m.seconds(), 1e6 * m.seconds() / rows, m.peakKb() / 1024,
            m.seconds() / duck.seconds(), (double) m.peakKb() / duck.peakKb()));
      }
      for (Engine other : List.of(Engine.DUCKDB, Engine.TABLESAW)) {
        if (!results.containsKey(other) || ChildRun.median(results.get(other)).failure() != null) continue;
        for (String file : List.of("scores.csv", "personas.csv")) {
          Comparison c = Comparison.of(dir.resolve("out-ours-" + rows).resolve(file),
              dir.resolve("out-" + other.name().toLowerCase(Locale.ROOT) + "-" + rows).resolve(file));
          checks.add(String.format(Locale.ROOT, "%,d rows, %s, lens score vs %s: %s", rows, file, other.label, c));
        }
      }
    }
    System.out.println();
    System.out.println("| rows | engine | median time (s) | rows/s | µs/row | median peak RSS (MB) | time vs DuckDB | RSS vs DuckDB |");
    System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|");
    table.forEach(System.out::println);
    if (!readerTable.isEmpty()) {
      System.out.println();
      System.out.println("Reading and validating only (same checks, same messages):");
      System.out.println();
      System.out.println("| rows | reader | median time (s) | rows/s | median peak RSS (MB) | time vs Dataset.read |");
      System.out.println("|---:|---|---:|---:|---:|---:|");
      readerTable.forEach(System.out::println);
    }
    System.out.println();
    checks.forEach(System.out::println);
    System.out.println("load average at end: " + ChildRun.loadAverage());
  }
}
