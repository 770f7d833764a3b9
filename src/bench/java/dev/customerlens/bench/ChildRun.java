package dev.customerlens.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of a command in a child process, as every benchmark here times it: wall time from start
 * to exit and its peak resident memory (VmHWM, polled from /proc every few ms). {@code failure}
 * says why it did not finish (with the time and memory until then).
 */
record ChildRun(double seconds, long peakKb, String failure) {

  /** Runs the command to completion, its output going to {@code log}. */
  static ChildRun of(List<String> command, Path log) throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Path status = Path.of("/proc", Long.toString(process.pid()), "status");
    long peak = 0;
    while (process.isAlive()) {
      peak = Math.max(peak, highWaterMark(status));
      Thread.sleep(5);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (process.exitValue() != 0) {
      List<String> lines = Files.readAllLines(log);
      String reason = lines.subList(Math.max(0, lines.size() - 20), lines.size()).stream()
          .filter(line -> line.contains("Error") || line.contains("Exception")).findFirst()
          .orElse("exit " + process.exitValue()).strip();
      return new ChildRun(seconds, peak, reason.length() > 120 ? reason.substring(0, 120) : reason);
    }
    return new ChildRun(seconds, peak, null);
  }

  /**
   * Runs each command {@code runs} times, in turn, each output going to a log under {@code dir};
   * prints a line per run (time, peak memory and the last line the command printed) and returns
   * every command's runs, in the order given.
   */
  static Map<String, List<ChildRun>> eachInTurn(Map<String, List<String>> commands, int runs, Path dir)
      throws IOException, InterruptedException {
    return eachInTurn(commands, runs, dir, (run, log) -> run);
  }

  /** What a run's figures are, given the timed child process and its output. */
  interface Reading {
    ChildRun read(ChildRun whole, Path log) throws IOException;
  }

  /** As {@link #eachInTurn(Map, int, Path)}, each run's figures taken by {@code reading} (such as {@link #reported}). */
  static Map<String, List<ChildRun>> eachInTurn(Map<String, List<String>> commands, int runs, Path dir, Reading reading)
      throws IOException, InterruptedException {
    Map<String, List<ChildRun>> results = new LinkedHashMap<>();
    for (int run = 1; run <= runs; run++) {
      for (Map.Entry<String, List<String>> command : commands.entrySet()) {
        Path log = dir.resolve("log-" + command.getKey().replaceAll("\\W+", "-") + ".txt");
        ChildRun result = reading.read(of(command.getValue(), log), log);
        results.computeIfAbsent(command.getKey(), k -> new ArrayList<>()).add(result);
        List<String> lines = Files.readAllLines(log);
        System.out.printf(Locale.ROOT, "  run %d, %-28s %7.2f s %,8d MB%s   %s%n", run, command.getKey(),
            result.seconds(), result.peakKb() / 1024, result.failure() == null ? "" : " FAILED: " + result.failure(),
            lines.isEmpty() ? "" : lines.get(lines.size() - 1));
      }
    }
    return results;
  }

  /**
   * The figures a child measured itself, for a child whose own start and exit are not what is timed
   * (KernelBench's Jupyter client): its last output line of the form {@code measured SECONDS s PEAK kB ...}.
   * A run that failed stays failed; one that printed no such line has failed.
   */
  static ChildRun reported(ChildRun whole, Path log) throws IOException {
    if (whole.failure() != null) return whole;
    List<String> lines = Files.readAllLines(log);
    for (int i = lines.size() - 1; i >= 0; i--) {
      Matcher m = MEASURED.matcher(lines.get(i));
      if (m.lookingAt()) return new ChildRun(Double.parseDouble(m.group(1)), Long.parseLong(m.group(2)), null);
    }
    return new ChildRun(whole.seconds(), whole.peakKb(), "reported no 'measured' line");
  }

  private static final Pattern MEASURED = Pattern.compile("measured (\\d+(?:\\.\\d+)?) s (\\d+) kB");

  /** Medians of time and of peak memory, taken separately; one failed run makes the whole set failed. */
  static ChildRun median(List<ChildRun> runs) {
    for (ChildRun run : runs) if (run.failure() != null) return run;
    double[] seconds = runs.stream().mapToDouble(ChildRun::seconds).sorted().toArray();
    long[] peaks = runs.stream().mapToLong(ChildRun::peakKb).sorted().toArray();
    return new ChildRun(seconds[seconds.length / 2], peaks[peaks.length / 2], null);
  }

  static String loadAverage() {
    try {
      return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static long highWaterMark(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", ""));
      }
    } catch (IOException | RuntimeException gone) {
      // The process ended between the liveness check and the read: its last reading stands.
    }
    return 0;
  }
}
