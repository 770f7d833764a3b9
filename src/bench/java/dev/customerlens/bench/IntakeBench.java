package dev.customerlens.bench;

import dev.customerlens.events.EventLog;
import dev.customerlens.events.LogFormat;
import dev.customerlens.events.LogReadOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The live-event intake benchmark: starts {@code java -jar JAR serve --events LOG} as a child
 * process on a fresh copy of the embedded log, waits until it is warm, then has a number of
 * clients each post single events (one event a request, the next as soon as the last is answered)
 * until the given number is acknowledged. Prints events acknowledged per second, latency, errors,
 * the server's resident memory (sampled every 100 ms, and its peak VmHWM), and checks afterwards
 * that the log holds every acknowledged event.
 *
 * <pre>
 * java -cp target/customer-lens.jar dev.customerlens.bench.IntakeBench [--events 100000 --clients 8]
 * </pre>
 */
@Command(name = "IntakeBench", mixinStandardHelpOptions = true,
    description = "Benchmark POST /api/events: clients posting single events to a server with an event log.")
public final class IntakeBench implements Callable<Integer> {
  @Option(names = "--jar", defaultValue = "target/customer-lens.jar",
      description = "The jar to serve from (default: ${DEFAULT-VALUE}).")
  Path jar;

  @Option(names = "--clients", defaultValue = "8", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--events", defaultValue = "100000", description = "Events to post (default: ${DEFAULT-VALUE}).")
  int events;

  @Option(names = "--dir", defaultValue = "/tmp/customer-lens-intake",
      description = "Where the log copy and the server's output go (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--server-option", paramLabel = "JVM-OPTION", description = "An option for the server's JVM; repeatable.")
  List<String> serverOptions = new ArrayList<>();

  public static void main(String[] args) {
    System.exit(new CommandLine(new IntakeBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Path log = freshLog();
    long before = EventLog.read(log, LogFormat.EVENTS, LogReadOptions.strict()).rowCount();
    Path output = dir.resolve("server.log");
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(serverOptions);
    command.addAll(List.of("-jar", jar.toString(), "serve", "--port", "0", "--events", log.toString()));
    Process server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    try {
      String url = LoadBench.awaitUrl(server, output);
      double warm = LoadBench.awaitAnalyses(url);
      System.out.printf(Locale.ROOT, "server pid %d at %s, warm after %.1f s more, RSS %d MiB%n", server.pid(), url,
          warm, LoadBench.memoryKiB(server.pid()).get("VmRSS") / 1024);
      List<String> ids = LoadBench.knownIds(url);
      AtomicLong peakRss = new AtomicLong();
      Thread sampler = new Thread(() -> {
        try {
          while (true) {
            peakRss.accumulateAndGet(LoadBench.memoryKiB(server.pid()).get("VmRSS"), Math::max);
            Thread.sleep(100);
          }
        } catch (IOException | InterruptedException stopped) {
          // The run is over or the server is gone.
        }
      });
      sampler.setDaemon(true);
      sampler.start();
      long serverCpu = LoadBench.cpuTicks(server.pid());
      long started = System.nanoTime();
      List<long[]> perClient = post(URI.create(url), ids);
      double elapsed = (System.nanoTime() - started) / 1e9;
      double serverCores = (LoadBench.cpuTicks(server.pid()) - serverCpu) / 100.0 / elapsed;
      sampler.interrupt();
      long errors = perClient.stream().mapToLong(latencies -> latencies[0]).sum();
      long[] latencies = perClient.stream().flatMapToLong(l -> Arrays.stream(l, 1, l.length)).sorted().toArray();
      var memory = LoadBench.memoryKiB(server.pid());
      System.out.printf(Locale.ROOT, "%,d events acknowledged in %.1f s: %.0f events/s, p50 %.2f ms, p99 %.2f ms, "
          + "errors %d; server CPU %.2f cores; server RSS %d MiB at the end, at most %d MiB sampled (VmHWM %d MiB)%n",
          latencies.length, elapsed, latencies.length / elapsed, LoadBench.percentile(latencies, 0.50),
          LoadBench.percentile(latencies, 0.99), errors, serverCores, memory.get("VmRSS") / 1024,
          peakRss.get() / 1024, memory.get("VmHWM") / 1024);
      server.destroy();
      server.waitFor();
      long after = EventLog.read(log, LogFormat.EVENTS, LogReadOptions.strict()).rowCount();
      System.out.printf(Locale.ROOT, "the log grew by %,d events for %,d acknowledged: %s%n", after - before,
          latencies.length, after - before == latencies.length ? "every one, once" : "MISMATCH");
      return after - before == latencies.length && errors == 0 ? 0 : 1;
    } finally {
      server.destroy();
      server.waitFor();
    }
  }

  private Path freshLog() throws IOException {
    Files.createDirectories(dir);
    Path log = dir.resolve("events.csv");
    try (InputStream in = EventLog.class.getResourceAsStream("/dev/customerlens/data/events.csv")) {
      Files.copy(in, log, StandardCopyOption.REPLACE_EXISTING);
    }
    Files.deleteIfExists(dir.resolve("events.csv.keys"));
    return log;
  }

  /** Each client's error count followed by the latency, in nanoseconds, of each acknowledged event. */
  private List<long[]> post(URI base, List<String> ids) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<long[]>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        int share = events / clients + (c < events % clients ? 1 : 0);
        futures.add(pool.submit(() -> {
          Random random = new Random(client);
          long[] latencies = new long[share + 1];
          int n = 1;
          try (HttpConnection connection = new HttpConnection(base)) {
            while (n <= share) {
              byte[] request = HttpConnection.request("POST", base, "/api/events", event(random, ids));
              long sent = System.nanoTime();
              if (connection.exchange(request) != 200) {
                latencies[0]++;
                continue;
              }
              latencies[n++] = System.nanoTime() - sent;
              if (latencies[0] > share) break;
            }
          }
          return Arrays.copyOf(latencies, n);
        }));
      }
      List<long[]> results = new ArrayList<>();
      for (Future<long[]> f : futures) results.add(f.get());
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** One event of a random customer, now: a view, a cart or a purchase with its amount. */
  private static String event(Random random, List<String> ids) {
    String id = ids.get(random.nextInt(ids.size()));
    String at = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
    return switch (random.nextInt(3)) {
      case 0 -> "[{\"customer_id\": \"" + id + "\", \"timestamp\": \"" + at + "\", \"event\": \"view\", "
          + "\"category\": \"Clothing\"}]";
      case 1 -> "[{\"customer_id\": \"" + id + "\", \"timestamp\": \"" + at + "\", \"event\": \"cart\", "
          + "\"category\": \"Footwear\"}]";
      default -> "[{\"customer_id\": \"" + id + "\", \"timestamp\": \"" + at + "\", \"event\": \"purchase\", "
          + "\"category\": \"Accessories\", \"amount\": " + (5 + random.nextInt(200)) + "}]";
    };
  }
}
