package dev.customerlens.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.events.EventLog;
import dev.customerlens.events.LogFormat;
import dev.customerlens.events.LogReadOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code lens serve} process killed with SIGKILL in the middle of a burst of posts from 8
 * clients, then started again on the same log: every acknowledged event is in the log once, none is
 * there twice, and each request that got no answer, retried with its key, lands exactly once.
 */
class CrashRecoveryTest {
  private static final int CLIENTS = 8;
  @TempDir Path dir;

  /** A server process on a free port, its address once it says it is serving, and what it said until then. */
  private record Served(Process process, String url, String said) {}

  private Served serve(Path log) throws IOException {
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.customerlens.cli.Main", "serve", "--port", "0",
        "--input", customers(log.getParent()).toString(), "--events", log.toString())
        .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder said = new StringBuilder();
    for (String line; (line = out.readLine()) != null; ) {
      said.append(line).append('\n');
      int at = line.indexOf(" at http://");
      if (line.startsWith("serving ") && at > 0) {
        String url = line.substring(at + 4, line.indexOf('/', at + 12));
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
        drain.setDaemon(true);
        drain.start();
        return new Served(process, url, said.toString());
      }
    }
    throw new AssertionError("the server did not start:\n" + said);
  }

  /** The embedded customers beside the log: a log given alone would make its own customers the base. */
  private static Path customers(Path dir) {
    Path file = dir.resolve("customers.csv");
    return Files.exists(file) ? file : dev.customerlens.Fixtures.write(dir, "customers.csv", dev.customerlens.Fixtures.readEmbedded());
  }

  private static String body(String request) {
    return "[{\"customer_id\": \"" + (1 + request.hashCode() % 3000 + 3000) % 3900 + "\", \"timestamp\": "
        + "\"2024-06-30T12:00:00\", \"event\": \"view\", \"category\": \"" + request + "\"}]";
  }

  private static int post(HttpClient http, String url, String request) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url + "/api/events")).header("Content-Type", "application/json")
        .header("Idempotency-Key", request).POST(HttpRequest.BodyPublishers.ofString(body(request))).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static Map<String, Long> countsOfCategories(Path log) {
    EventLog read = EventLog.read(log, LogFormat.EVENTS, LogReadOptions.strict());
    return read.table().stringColumn("category").asList().stream().filter(c -> c.startsWith("burst-"))
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  @Test
  void everyAcknowledgedEventSurvivesAKillDuringABurstAndRetriesLandOnce() throws Exception {
    Path log = dir.resolve("events.csv");
    HostileClientsTest.copyEmbeddedLog(log);
    Served first = serve(log);
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    Set<String> unanswered = ConcurrentHashMap.newKeySet();
    AtomicInteger count = new AtomicInteger();
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      int client = c;
      Thread thread = new Thread(() -> {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; ; i++) {
          String request = "burst-" + client + "-" + i;
          try {
            assertEquals(200, post(http, first.url(), request));
            acknowledged.add(request);
            count.incrementAndGet();
          } catch (IOException | InterruptedException killed) {
            unanswered.add(request);
            return;
          }
        }
      });
      thread.start();
      clients.add(thread);
    }
    // A client whose post is refused stops (its assertion fails), so waiting on it alone would never end.
    while (count.get() < 300 && clients.stream().anyMatch(Thread::isAlive)) Thread.sleep(5);
    assertTrue(count.get() >= 300, "the clients stopped after " + count.get() + " acknowledged events");
    first.process().destroyForcibly();
    first.process().waitFor();
    for (Thread thread : clients) thread.join();

    assertEquals(CLIENTS, unanswered.size(), "each client was cut off once");
    Map<String, Long> counts = countsOfCategories(withoutTornTail(log));
    for (String request : acknowledged) assertEquals(1L, counts.get(request), request);
    counts.forEach((request, n) -> assertEquals(1L, n, request + " twice"));

    Served second = serve(log);
    try {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (String request : unanswered) assertEquals(200, post(http, second.url(), request), request);
      for (String request : acknowledged.stream().limit(20).toList()) {
        assertEquals(200, post(http, second.url(), request), "a replay of " + request);
      }
    } finally {
      second.process().destroy();
      second.process().waitFor();
    }
    Map<String, Long> after = countsOfCategories(log);
    for (String request : acknowledged) assertEquals(1L, after.get(request), request);
    for (String request : unanswered) assertEquals(1L, after.get(request), request);
    assertEquals(acknowledged.size() + unanswered.size(), after.size(), "nothing else, nothing twice");
  }

  @Test
  void aServerStartsOnALogWithATornTailAndSaysWhereTheTailWent() throws Exception {
    Path log = dir.resolve("events.csv");
    HostileClientsTest.copyEmbeddedLog(log);
    String whole = Files.readString(log);
    // Five fields, so it would parse: a purchase of 12 cut short from 125.
    Files.writeString(log, "7,2024-06-30T11:00:00,purchase,Clothing,12", java.nio.file.StandardOpenOption.APPEND);
    Served served = serve(log);
    try {
      assertTrue(served.said().contains("ended in an incomplete record (42 bytes"), served.said());
      assertEquals(whole, Files.readString(log));
      try (var files = Files.list(dir)) {
        Path aside = files.filter(f -> f.getFileName().toString().startsWith("events.csv.torn-")).findFirst().orElseThrow();
        assertTrue(served.said().contains(aside.toString()), served.said());
        assertEquals("7,2024-06-30T11:00:00,purchase,Clothing,12", Files.readString(aside));
      }
    } finally {
      served.process().destroy();
      served.process().waitFor();
    }
  }

  /** The log as the next start will read it: a record the kill cut short is moved aside first. */
  private static Path withoutTornTail(Path log) throws IOException {
    Path copy = log.resolveSibling("inspected.csv");
    Files.copy(log, copy);
    EventJournal.recover(copy);
    return copy;
  }
}
