package dev.customerlens.bench;

import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.kernel.KernelSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The kernel's start benchmark: the time from starting a fresh kernel process to the result of its
 * first cell, as a Jupyter front end sees it. A Python driver ({@link #DRIVER}) uses jupyter_client's
 * {@code KernelManager} on the kernelspec that {@code lens kernel spec} writes (the argv
 * {@code lens kernel install} gives Jupyter), waits for the kernel to answer {@code kernel_info}
 * (as nbclient and JupyterLab do), executes one cell and stops its clock at the cell's
 * {@code execute_reply}, after its result; then it reads the kernel's peak RSS (VmHWM of the kernel
 * process and its children) and shuts the kernel down. The driver's own Python start and imports
 * are not timed.
 *
 * <p>Our kernel runs two first cells, each in its own fresh kernel: {@code 1 + 1} (the first
 * result) and the embedded sample's personas (the first analysis). Baselines in the same run, with
 * the same driver: Python's ipykernel running {@code 1 + 1}, if Python has ipykernel, and plain
 * {@code jshell -q} evaluating {@code 1 + 1} from its start (timed to its {@code $1 ==> 2}). Each is
 * run {@code --runs} times, in turn ({@link ChildRun#eachInTurn}); prints medians and the ratios to
 * each baseline, and whether the goal (the first result within 3 s) is met. Command in the README.
 */
@Command(name = "KernelBench", mixinStandardHelpOptions = true,
    description = "Time from starting the Jupyter kernel to its first result, against ipykernel and jshell.")
public final class KernelBench implements Callable<Integer> {
  static final double GOAL_SECONDS = 3.0;
  static final String FIRST_RESULT = "1 + 1";
  static final String FIRST_ANALYSIS = "var a = dev.customerlens.CustomerAnalytics.sample(); a.personas().rowCount()";

  @Option(names = "--jar", defaultValue = "target/customer-lens.jar",
      description = "The jar whose kernel is timed (default: ${DEFAULT-VALUE}).")
  Path jar;

  @Option(names = "--runs", defaultValue = "5", description = "Runs of each, in turn (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--dir", defaultValue = "/tmp/customer-lens-kernel-bench",
      description = "Folder for the kernelspecs, the driver, Jupyter's runtime files and the logs (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--python", paramLabel = "PYTHON",
      description = "A python3 with jupyter_client (default: LENS_PYTHON, else the first of python3 and /usr/bin/python3 that has it).")
  String python;

  public static void main(String[] args) {
    System.exit(new CommandLine(new KernelBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(jar)) {
      throw new WorkspaceException(jar + " does not exist; build it with mvn -Pbench -DskipTests package");
    }
    String py = python != null ? python : findPython();
    Files.createDirectories(dir);
    Path driver = dir.resolve("kernel_driver.py");
    Files.writeString(driver, DRIVER);
    Path kernels = dir.resolve("jupyter/kernels");
    writeOurSpec(kernels.resolve(KernelSpec.NAME));

    Map<String, List<String>> commands = new LinkedHashMap<>();
    commands.put("ours, first result", driverCommand(py, driver, "jupyter", KernelSpec.NAME, FIRST_RESULT, "2"));
    commands.put("ours, first analysis", driverCommand(py, driver, "jupyter", KernelSpec.NAME, FIRST_ANALYSIS, "\\d+"));
    List<String> baselines = new ArrayList<>();
    if (succeeds(py, "-c", "import ipykernel")) {
      Path spec = kernels.resolve("ipykernel-baseline");
      Files.createDirectories(spec);
      Files.writeString(spec.resolve("kernel.json"), "{\"argv\": [\"" + py + "\", \"-m\", \"ipykernel_launcher\", \"-f\", "
          + "\"{connection_file}\"], \"display_name\": \"ipykernel baseline\", \"language\": \"python\"}\n");
      commands.put("ipykernel, 1 + 1", driverCommand(py, driver, "jupyter", "ipykernel-baseline", FIRST_RESULT, "2"));
      baselines.add("ipykernel, 1 + 1");
    } else {
      System.out.println("no ipykernel in " + py + " (Debian: apt-get install python3-ipykernel): no ipykernel baseline");
    }
    Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
    if (Files.isExecutable(jshell)) {
      commands.put("jshell, 1 + 1", driverCommand(py, driver, "jshell", jshell.toString(), FIRST_RESULT, "2"));
      baselines.add("jshell, 1 + 1");
    } else {
      System.out.println("no " + jshell + ": no jshell baseline");
    }
    if (baselines.isEmpty()) System.out.println("neither ipykernel nor jshell: absolute times only");

    System.out.printf(Locale.ROOT, "kernel start benchmark: %s, %d runs, %d cores, load average %s at start%n", jar, runs,
        Runtime.getRuntime().availableProcessors(), ChildRun.loadAverage());
    System.out.println("first result: '" + FIRST_RESULT + "'; first analysis: '" + FIRST_ANALYSIS + "'; each in a fresh kernel");
    Map<String, List<ChildRun>> results = ChildRun.eachInTurn(commands, runs, dir, ChildRun::reported);

    Map<String, ChildRun> medians = new LinkedHashMap<>();
    results.forEach((name, of) -> medians.put(name, ChildRun.median(of)));
    StringBuilder header = new StringBuilder("| run | median time to result (s) | median peak RSS (MB)");
    StringBuilder rule = new StringBuilder("|---|---:|---:");
    for (String baseline : baselines) {
      header.append(" | time vs ").append(baseline.replaceAll(",.*", "")).append(" | RSS vs ").append(baseline.replaceAll(",.*", ""));
      rule.append("|---:|---:");
    }
    System.out.println();
    System.out.println(header + " |");
    System.out.println(rule + "|");
    medians.forEach((name, m) -> {
      if (m.failure() != null) {
        System.out.printf(Locale.ROOT, "| %s | failed: %s |%n", name, m.failure());
        return;
      }
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %.2f | %,d", name, m.seconds(), m.peakKb() / 1024));
      for (String baseline : baselines) {
        ChildRun b = medians.get(baseline);
        if (b.failure() != null) {
          row.append(" | – | –");
        } else {
          row.append(String.format(Locale.ROOT, " | %.2f× | %.2f×", m.seconds() / b.seconds(), (double) m.peakKb() / b.peakKb()));
        }
      }
      System.out.println(row + " |");
    });
    ChildRun first = medians.get("ours, first result");
    ChildRun analysis = medians.get("ours, first analysis");
    System.out.println();
    if (first.failure() != null) {
      System.out.println("goal: the first result within " + GOAL_SECONDS + " s: not measured (the runs failed)");
    } else {
      System.out.printf(Locale.ROOT, "goal: the first result within %.0f s: %s (median %.2f s)%n", GOAL_SECONDS,
          first.seconds() <= GOAL_SECONDS ? "met" : "NOT met", first.seconds());
    }
    if (analysis.failure() == null) {
      System.out.printf(Locale.ROOT, "the first analysis (sample personas) came %.2f s after start: %s 3 s%n",
          analysis.seconds(), analysis.seconds() <= GOAL_SECONDS ? "within" : "over");
    }
    System.out.println("load average at end: " + ChildRun.loadAverage());
    return medians.values().stream().allMatch(m -> m.failure() == null) ? 0 : 1;
  }

  /** Writes our kernelspec with the jar's own {@code lens kernel spec}: the argv that {@code lens kernel install} installs. */
  private void writeOurSpec(Path folder) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    if (!succeeds(java, "-jar", jar.toString(), "kernel", "spec", "--out", folder.toString())) {
      throw new WorkspaceException("'java -jar " + jar + " kernel spec --out " + folder + "' failed");
    }
    System.out.println("kernelspec argv: " + Files.readString(folder.resolve("kernel.json"))
        .replaceAll("(?s).*\"argv\" : (\\[[^]]*]).*", "$1"));
  }

  /** The driver in a Jupyter of its own: kernelspecs from {@code dir/jupyter}, runtime, config and data under {@code dir}. */
  private List<String> driverCommand(String py, Path driver, String kind, String what, String code, String expect) {
    return List.of("env", "JUPYTER_PATH=" + dir.resolve("jupyter"), "JUPYTER_RUNTIME_DIR=" + dir.resolve("runtime"),
        "JUPYTER_CONFIG_DIR=" + dir.resolve("config"), "JUPYTER_DATA_DIR=" + dir.resolve("data"),
        "PYDEVD_DISABLE_FILE_VALIDATION=1", py, driver.toString(), kind, what, code, expect);
  }

  /** LENS_PYTHON if set, else python3 or Debian's /usr/bin/python3, whichever has jupyter_client (as the *IT tests choose). */
  private static String findPython() throws IOException, InterruptedException {
    String chosen = System.getenv("LENS_PYTHON");
    for (String candidate : chosen != null ? List.of(chosen) : List.of("python3", "/usr/bin/python3")) {
      if (succeeds(candidate, "-c", "import jupyter_client")) return candidate;
    }
    throw new WorkspaceException("no python3 with jupyter_client (Debian: apt-get install python3-jupyter-client); "
        + "or give --python");
  }

  private static boolean succeeds(String... command) throws InterruptedException {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = process.waitFor();
      if (exit != 0 && output.contains("Exception")) System.out.println(output.strip());
      return exit == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The client: {@code kernel_driver.py jupyter KERNEL_NAME CODE EXPECTED} or {@code kernel_driver.py
   * jshell JSHELL CODE EXPECTED}; EXPECTED is a regular expression the whole text/plain result must
   * match. Its last line is {@code measured SECONDS s PEAK kB, ready SECONDS s} ({@link ChildRun#reported}).
   */
  static final String DRIVER = """
      import os, re, signal, subprocess, sys, time


      def give_up(*_):
          print("Error: no result within 120 s", flush=True)
          os._exit(1)  # closes the kernel's pipes; our kernel and ipykernel also exit with their parent


      signal.signal(signal.SIGALRM, give_up)
      signal.alarm(120)  # a kernel that never answers fails the run instead of hanging the benchmark


      def tree_peak_kb(pid):
          \"""VmHWM of pid plus its descendants' (an upper bound of their peak together).\"""
          total, todo = 0, [pid]
          while todo:
              p = todo.pop()
              try:
                  with open(f"/proc/{p}/status") as f:
                      total += sum(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
                  for task in os.listdir(f"/proc/{p}/task"):
                      with open(f"/proc/{p}/task/{task}/children") as f:
                          todo += [int(c) for c in f.read().split()]
              except OSError:
                  pass
          return total


      def jupyter(kernel, code):
          from jupyter_client.manager import KernelManager
          km = KernelManager(kernel_name=kernel)
          start = time.monotonic()
          km.start_kernel()
          kc = km.client()
          kc.start_channels()
          try:
              kc.wait_for_ready(timeout=110)
              ready = time.monotonic() - start
              results = []

              def output(msg):
                  if msg["msg_type"] == "execute_result":
                      results.append(msg["content"]["data"].get("text/plain", ""))
                  elif msg["msg_type"] == "error":
                      results.append("Error " + msg["content"]["ename"] + ": " + msg["content"]["evalue"])

              reply = kc.execute_interactive(code, output_hook=output, timeout=110)
              seconds = time.monotonic() - start
              peak = tree_peak_kb(km.provisioner.process.pid)
              status = reply["content"]["status"]
          finally:
              kc.stop_channels()
              km.shutdown_kernel(now=False)
          return seconds, peak, f"{ready:.3f} s", status, results[-1] if results else ""


      def jshell(command, code):
          start = time.monotonic()
          shell = subprocess.Popen([command, "-q"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT)
          shell.stdin.write((code + "\\n").encode())
          shell.stdin.flush()
          seen = b""
          while not re.search(rb"==> [^\\n]*\\n", seen):  # the prompt may follow in the same read
              chunk = os.read(shell.stdout.fileno(), 4096)
              if not chunk:
                  break
              seen += chunk
          seconds = time.monotonic() - start
          peak = tree_peak_kb(shell.pid)
          shell.stdin.write(b"/exit\\n")
          shell.stdin.close()
          shell.wait(60)
          found = re.search(rb"==> (.*)", seen)
          return (seconds, peak, "-", "ok" if found else "no result",
                  found.group(1).decode().strip() if found else seen.decode(errors="replace")[-200:])


      kind, what, code, expected = sys.argv[1:5]
      seconds, peak, ready, status, result = (jupyter if kind == "jupyter" else jshell)(what, code)
      print(f"cell {code!r}: {status}, {result!r}")
      if status != "ok" or not re.fullmatch(expected, result.strip()):
          print(f"Error: expected a result matching {expected!r}, got {status}, {result!r}")
          sys.exit(1)
      print(f"measured {seconds:.3f} s {peak} kB, ready {ready}, result {result.strip()}")
      """;
}
