package dev.customerlens.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.customerlens.api.ApiOptions;
import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.export.Json;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The API's load benchmark: starts {@code java -jar JAR serve --port 0} as a child process (so that
 * its memory can be read on its own), drives it from this process with a fixed number of clients
 * on loopback, each on its own keep-alive connection and sending its next request as soon as the
 * last is answered, and prints requests per second, latency percentiles, errors and the server's
 * resident memory. Each run starts a fresh server; the summary gives the median of the runs.
 *
 * <p>The clients speak HTTP/1.1 over plain sockets, as wrk does. java.net.http.HttpClient spent
 * about three times the server's CPU per request, so on a small machine it measured itself.
 *
 * <pre>
 * java -cp target/customer-lens.jar dev.customerlens.bench.LoadBench [--runs 3 --warmup 10 --seconds 20 --input FILE]
 * </pre>
 */
@Command(name = "LoadBench", mixinStandardHelpOptions = true,
    description = "Load-test the JSON API: /api/analyze with random ids and /api/batch-analyze with 100 ids.")
public final class LoadBench implements Callable<Integer> {
  @Option(names = "--jar", defaultValue = "target/customer-lens.jar",
      description = "The jar to serve from (default: ${DEFAULT-VALUE}).")
  Path jar;

  @Option(names = "--input", paramLabel = "FILE",
      description = "A customer table for the server to load instead of the embedded data.")
  Path input;

  @Option(names = "--connections", defaultValue = "8", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--warmup", defaultValue = "10",
      description = "Seconds of load before measuring, per scenario (default: ${DEFAULT-VALUE}).")
  int warmupSeconds;

  @Option(names = "--seconds", defaultValue = "20",
      description = "Seconds measured per scenario (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--runs", defaultValue = "3",
      description = "Runs, each on a fresh server (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--batch-size", defaultValue = "100",
      description = "Ids per batch request (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--server-option", paramLabel = "JVM_OPTION",
      description = "A JVM option for the server, such as -XX:StartFlightRecording=filename=api.jfr; repeatable.")
  List<String> serverOptions = new ArrayList<>();

  /** One scenario's figures from one run. RSS is the server's, read from /proc after the scenario. */
  record Result(String scenario, double requestsPerSecond, double p50Millis, double p99Millis, long errors,
      long requests, long rssMiB, long peakRssMiB, double serverCores, double driverCores) {}

  /** What the clients send: the bytes of a whole request, chosen with their own random numbers. */
  private interface Workload {
    byte[] next(Random random);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new LoadBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(jar)) {
      throw new WorkspaceException(jar + " does not exist; build it with mvn -DskipTests package");
    }
    System.out.printf(Locale.ROOT,
        "%d runs; per scenario %d s warm-up, then %d s measured; %d connections; %d ids a batch%n", runs, warmupSeconds, seconds, connections, batchSize);
    List<List<Result>> all = new ArrayList<>();
    List<Double> startSeconds = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      List<Result> results = run(run, startSeconds);
      int number = run;
      results.forEach(r -> System.out.println("run " + number + ": " + format(r)));
      all.add(results);
    }
    System.out.printf(Locale.ROOT, "%nmedian of %d runs; the server was ready %.2f s after launch%n", runs,
        startSeconds.stream().sorted().toList().get(runs / 2));
    for (int s = 0; s < all.get(0).size(); s++) {
      int scenario = s;
      List<Result> of = all.stream().map(results -> results.get(scenario)).toList();
      System.out.println(format(new Result(of.get(0).scenario(),
          median(of, Result::requestsPerSecond), median(of, Result::p50Millis), median(of, Result::p99Millis),
          (long) median(of, r -> r.errors()), (long) median(of, r -> r.requests()),
          (long) median(of, r -> r.rssMiB()), (long) median(of, r -> r.peakRssMiB()),
          median(of, Result::serverCores), median(of, Result::driverCores))));
    }
    return 0;
  }

  /** Starts a server, measures each scenario on it and stops it; adds its start time to {@code startSeconds}. */
  private List<Result> run(int run, List<Double> startSeconds) throws Exception {
    Path log = Files.createTempFile("lens-serve", ".log");
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(serverOptions);
    command.addAll(List.of("-jar", jar.toString(), "serve", "--host", ApiOptions.DEFAULT_HOST, "--port", "0"));
    if (input != null) command.addAll(List.of("--input", input.toString()));
    long launched = System.nanoTime();
    Process server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      String url = awaitUrl(server, log);
      startSeconds.add((System.nanoTime() - launched) / 1e9);
      System.out.printf(Locale.ROOT, "run %d: server pid %d ready at %s after %.2f s%n", run, server.pid(), url,
          startSeconds.get(startSeconds.size() - 1));
      double warm = awaitAnalyses(url);
      System.out.printf(Locale.ROOT, "run %d: every analysis made %.1f s after the server was ready%n", run, warm);
      // Ids go into request lines as they are: the embedded data's ids are digits.
      List<String> ids = knownIds(url);
      URI base = URI.create(url);
      Random seeds = new Random(run);
      List<byte[]> analyses = ids.stream().map(id -> HttpConnection.request("GET", base, "/api/analyze/" + id, null)).toList();
      List<byte[]> batches = new ArrayList<>();
      for (int i = 0; i < 1000; i++) batches.add(HttpConnection.request("POST", base, "/api/batch-analyze", batchBody(ids, seeds)));
      return List.of(
          measure("analyze (1 random id)", server, base, random -> analyses.get(random.nextInt(analyses.size()))),
          measure("batch (" + batchSize + " random ids)", server, base,
              random -> batches.get(random.nextInt(batches.size()))));
    } finally {
      server.destroy();
      server.waitFor();
      Files.delete(log);
    }
  }

  private Result measure(String name, Process server, URI base, Workload workload) throws Exception {
    drive(base, workload, warmupSeconds);
    long serverCpu = cpuTicks(server.pid());
    long driverCpu = driverCpuNanos();
    long started = System.nanoTime();
    List<long[]> perClient = drive(base, workload, seconds);
    double elapsed = (System.nanoTime() - started) / 1e9;
    double serverCores = (cpuTicks(server.pid()) - serverCpu) / 100.0 / elapsed;
    double driverCores = (driverCpuNanos() - driverCpu) / 1e9 / elapsed;
    long errors = perClient.stream().mapToLong(latencies -> latencies[0]).sum();
    long[] latencies = perClient.stream().flatMapToLong(l -> Arrays.stream(l, 1, l.length)).sorted().toArray();
    Map<String, Long> memory = memoryKiB(server.pid());
    return new Result(name, latencies.length / elapsed, percentile(latencies, 0.50), percentile(latencies, 0.99),
        errors, latencies.length + errors, memory.get("VmRSS") / 1024, memory.get("VmHWM") / 1024,
        serverCores, driverCores);
  }

  /**
   * Runs the clients for a while. Each returns its error count followed by the latency, in
   * nanoseconds, of every request answered with 200. A client whose connection fails counts an
   * error and opens another.
   */
  private List<long[]> drive(URI base, Workload workload, int forSeconds) throws Exception {
    long deadline = System.nanoTime() + forSeconds * 1_000_000_000L;
    ExecutorService clients = Executors.newFixedThreadPool(connections);
    try {
      List<Future<long[]>> futures = new ArrayList<>();
      for (int c = 0; c < connections; c++) {
        int client = c;
        futures.add(clients.submit(() -> {
          Random random = new Random(client);
          long[] latencies = new long[1 << 16];
          int n = 1;
          long errors = 0;
          HttpConnection connection = null;
          while (System.nanoTime() < deadline) {
            byte[] request = workload.next(random);
            long sent = System.nanoTime();
            try {
              if (connection == null) connection = new HttpConnection(base);
              if (connection.exchange(request) != 200) {
                errors++;
                continue;
              }
            } catch (IOException e) {
              errors++;
              if (connection != null) connection.close();
              connection = null;
              continue;
            }
            if (n == latencies.length) latencies = Arrays.copyOf(latencies, n * 2);
            latencies[n++] = System.nanoTime() - sent;
          }
          if (connection != null) connection.close();
          latencies[0] = errors;
          return Arrays.copyOf(latencies, n);
        }));
      }
      List<long[]> results = new ArrayList<>();
      for (Future<long[]> future : futures) results.add(future.get());
      return results;
    } finally {
      clients.shutdownNow();
    }
  }

  /** Waits for the line ServeCommand prints once it listens, and takes the URL from it. */
  static String awaitUrl(Process server, Path log) throws IOException, InterruptedException {
    Pattern ready = Pattern.compile("at (http://\\S+?)/ ");
    for (int waited = 0; waited < 60_000; waited += 20) {
      Matcher m = ready.matcher(Files.readString(log));
      if (m.find()) return m.group(1);
      if (!server.isAlive()) throw new WorkspaceException("the server stopped:\n" + Files.readString(log));
      Thread.sleep(20);
    }
    throw new WorkspaceException("the server did not start within 60 s:\n" + Files.readString(log));
  }

  /**
   * Waits until the server has made every customer's analysis it keeps (all of them, or as many as
   * its memory budget holds: the count then stops growing for 2 s), so that what is measured is a
   * warm server, and returns how many seconds that took.
   */
  static double awaitAnalyses(String url) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/health")).build();
    long started = System.nanoTime();
    int last = -1;
    long steadySince = started;
    while (true) {
      JsonNode health = Json.mapper().readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
      int ready = health.get("analyses_ready").asInt();
      if (ready >= health.get("rows_loaded").asInt()) break;
      if (ready != last) {
        last = ready;
        steadySince = System.nanoTime();
      } else if (ready > 0 && System.nanoTime() - steadySince > 2_000_000_000L) {
        System.out.printf(Locale.ROOT, "the server keeps %,d of %,d analyses (its memory budget); the rest are made "
            + "per request%n", ready, health.get("rows_loaded").asInt());
        break;
      }
      if (System.nanoTime() - started > 300_000_000_000L) {
        throw new WorkspaceException("the server is still not warm after 300 s");
      }
      Thread.sleep(100);
    }
    return (System.nanoTime() - started) / 1e9;
  }

  /** Every customer id the server knows, paging through /api/customers. */
  static List<String> knownIds(String url) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    List<String> ids = new ArrayList<>();
    for (int total = Integer.MAX_VALUE; ids.size() < total; ) {
      var request = HttpRequest.newBuilder(URI.create(url + "/api/customers?limit=500&offset=" + ids.size())).build();
      JsonNode page = Json.mapper().readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
      total = page.get("total").asInt();
      page.get("items").forEach(item -> ids.add(item.get("customer_id").asText()));
    }
    return ids;
  }

  private String batchBody(List<String> ids, Random random) {
    List<String> chosen = new ArrayList<>();
    for (int i = 0; i < batchSize; i++) chosen.add(ids.get(random.nextInt(ids.size())));
    return Json.write(Map.of("customer_ids", chosen));
  }

  /** The server's user and system CPU time so far, in clock ticks (1/100 s on Linux). */
  static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  private static long driverCpuNanos() {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return os.getProcessCpuTime();
  }

  /** VmRSS (resident now) and VmHWM (the most resident so far), in KiB. */
  static Map<String, Long> memoryKiB(long pid) throws IOException {
    Map<String, Long> memory = new HashMap<>();
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      String[] parts = line.split("\\s+");
      if (parts[0].equals("VmRSS:") || parts[0].equals("VmHWM:")) {
        memory.put(parts[0].replace(":", ""), Long.parseLong(parts[1]));
      }
    }
    return memory;
  }

  static double percentile(long[] sortedNanos, double p) {
    if (sortedNanos.length == 0) return Double.NaN;
    return sortedNanos[(int) Math.min(sortedNanos.length - 1, Math.ceil(p * sortedNanos.length) - 1)] / 1e6;
  }

  private static double median(List<Result> results, ToDoubleFunction<Result> figure) {
    double[] values = results.stream().mapToDouble(figure).sorted().toArray();
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }

  private static String format(Result r) {
    return String.format(Locale.ROOT,
        "%-24s %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %d of %,d  server RSS %d MiB (peak %d MiB)  "
            + "CPU: server %.2f cores, driver %.2f cores",
        r.scenario(), r.requestsPerSecond(), r.p50Millis(), r.p99Millis(), r.errors(), r.requests(), r.rssMiB(),
        r.peakRssMiB(), r.serverCores(), r.driverCores());
  }
}
