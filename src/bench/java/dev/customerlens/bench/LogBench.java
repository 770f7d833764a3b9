package dev.customerlens.bench;

import dev.customerlens.export.Export;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The log-reading benchmark: generates an Online Retail log of {@code --lines} lines once
 * ({@link RetailLines}), then runs, {@code --runs} times each as a fresh JVM, our reader with the
 * JVM's default heap, our reader with the heap capped (to show the memory it needs is bounded), and
 * DuckDB's {@link DuckDbLogRead}; prints median time, lines a second, median peak RSS and the ratios
 * to DuckDB. The command is in the README.
 */
public final class LogBench {
  private LogBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>(Map.of("--lines", "10000000", "--runs", "3",
        "--dir", "/tmp/customer-lens-log-bench", "--seed", "7", "--capped-heap", "1g", "--duckdb-threads", "2"));
    for (int i = 0; i + 1 < args.length; i += 2) options.put(args[i], args[i + 1]);
    long lines = Long.parseLong(options.get("--lines"));
    Path dir = Path.of(options.get("--dir"));
    Files.createDirectories(dir);
    Path input = dir.resolve("online-retail-" + lines + ".csv");
    if (!Files.exists(input)) {
      System.out.println("generating " + input);
      Export.atomically(input, new RetailLines(lines, Long.parseLong(options.get("--seed")))::writeCsv);
    }
    String classpath = System.getProperty("java.class.path");
    String java = ProcessHandle.current().info().command().orElse("java");
    String cap = options.get("--capped-heap");
    Map<String, List<String>> commands = new LinkedHashMap<>();
    commands.put("ours, default heap", List.of(java, "-cp", classpath, LogRead.class.getName(), input.toString()));
    commands.put("ours, -Xmx" + cap, List.of(java, "-Xmx" + cap, "-cp", classpath, LogRead.class.getName(), input.toString()));
    commands.put("DuckDB", List.of(java, "-cp", classpath, DuckDbLogRead.class.getName(), input.toString(),
        options.get("--duckdb-threads")));
    System.out.printf(Locale.ROOT, "log reading benchmark: %,d lines, %s runs, %d cores, load average %s at start%n",
        lines, options.get("--runs"), Runtime.getRuntime().availableProcessors(), ChildRun.loadAverage());

    Map<String, List<ChildRun>> results =
        ChildRun.eachInTurn(commands, Integer.parseInt(options.get("--runs")), dir);
    ChildRun duck = ChildRun.median(results.get("DuckDB"));
    System.out.println();
    System.out.println("| lines | reader | median time (s) | lines/s | median peak RSS (MB) | time vs DuckDB | RSS vs DuckDB |");
    System.out.println("|---:|---|---:|---:|---:|---:|---:|");
    results.forEach((name, runs) -> {
      ChildRun m = ChildRun.median(runs);
      if (m.failure() != null) {
        System.out.printf(Locale.ROOT, "| %,d | %s | failed: %s |%n", lines, name, m.failure());
      } else {
        System.out.printf(Locale.ROOT, "| %,d | %s | %.2f | %,.0f | %,d | %.2f× | %.2f× |%n", lines, name, m.seconds(),
            lines / m.seconds(), m.peakKb() / 1024, m.seconds() / duck.seconds(), (double) m.peakKb() / duck.peakKb());
      }
    });
    System.out.println("load average at end: " + ChildRun.loadAverage());
  }
}
