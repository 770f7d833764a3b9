package dev.customerlens.bench;

import dev.customerlens.export.Export;
import dev.customerlens.generate.SyntheticCustomers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one-engine benchmark's notebook and whole-process figures, each a fresh JVM, {@code --runs}
 * times: the notebook steps ({@link NotebookSteps}) on {@code --rows} generated customers against
 * DuckDB running the same model's generated SQL on the same file ({@link DuckDbScore}: load, check,
 * personas, scores, recommendations, written out), and {@code lens analyze} on the embedded data
 * (every export and the report) through the launcher, against the same command run with
 * {@code java -jar} and the JVM's default compilers. Prints medians, peak RSS and the ratios.
 * Command in the README.
 */
public final class NotebookBench {
  private NotebookBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>(Map.of("--rows", "1000000", "--runs", "3",
        "--dir", "/tmp/customer-lens-bench", "--seed", "7", "--jar", "target/customer-lens.jar", "--launcher", "lens"));
    for (int i = 0; i + 1 < args.length; i += 2) options.put(args[i], args[i + 1]);
    int rows = Integer.parseInt(options.get("--rows"));
    Path dir = Path.of(options.get("--dir"));
    Files.createDirectories(dir);
    Path input = dir.resolve("customers-" + rows + ".csv");
    if (!Files.exists(input)) {
      System.out.println("generating " + input);
      Export.atomically(input, SyntheticCustomers.withSeed(Long.parseLong(options.get("--seed"))).rows(rows)::writeCsv);
    }
    String classpath = System.getProperty("java.class.path");
    String java = ProcessHandle.current().info().command().orElse("java");
    Map<String, List<String>> commands = new LinkedHashMap<>();
    commands.put("notebook steps, ours", List.of(java, "-cp", classpath, NotebookSteps.class.getName(), input.toString()));
    commands.put("same model in DuckDB SQL", List.of(java, "-cp", classpath, DuckDbScore.class.getName(),
        input.toString(), dir.resolve("out-notebook-duckdb").toString(), "2"));
    commands.put("lens analyze, embedded data", List.of("bash", options.get("--launcher"), "analyze", "--out",
        dir.resolve("out-analyze").toString()));
    // Its baseline: the JVM's default compilers, which the launcher trades for C1 alone on small inputs.
    commands.put("lens analyze, embedded data, java -jar", List.of(java, "-jar", options.get("--jar"), "analyze",
        "--out", dir.resolve("out-analyze-jar").toString()));
    System.out.printf(Locale.ROOT, "notebook benchmark: %,d customers, %s runs, %d cores, load average %s at start%n",
        rows, options.get("--runs"), Runtime.getRuntime().availableProcessors(), ChildRun.loadAverage());

    Map<String, List<ChildRun>> results =
        ChildRun.eachInTurn(commands, Integer.parseInt(options.get("--runs")), dir);
    ChildRun duck = ChildRun.median(results.get("same model in DuckDB SQL"));
    ChildRun jar = ChildRun.median(results.get("lens analyze, embedded data, java -jar"));
    System.out.println();
    System.out.println("| run | median time (s) | median peak RSS (MB) | time vs baseline | RSS vs baseline |");
    System.out.println("|---|---:|---:|---:|---:|");
    results.forEach((name, runs) -> {
      ChildRun m = ChildRun.median(runs);
      // The notebook steps' baseline is DuckDB; the launcher's is the same command with java -jar.
      ChildRun baseline = name.startsWith("lens analyze") ? jar : duck;
      if (m.failure() != null) {
        System.out.printf(Locale.ROOT, "| %s | failed: %s |%n", name, m.failure());
      } else {
        System.out.printf(Locale.ROOT, "| %s | %.2f | %,d | %.2f× | %.2f× |%n", name, m.seconds(), m.peakKb() / 1024,
            m.seconds() / baseline.seconds(), (double) m.peakKb() / baseline.peakKb());
      }
    });
    System.out.println("load average at end: " + ChildRun.loadAverage());
  }
}
