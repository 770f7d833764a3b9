package dev.customerlens.cli;

import dev.customerlens.CustomerAnalytics;
import dev.customerlens.api.ApiOptions;
import dev.customerlens.api.ApiServer;
import dev.customerlens.events.LogFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** The JSON HTTP API, until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serve the dashboard page at / and the JSON HTTP API until interrupted (Ctrl-C).",
        "Endpoints: GET /api/analyze/{id}, GET /api/customers, POST /api/batch-analyze, GET /api/health,",
        "GET /api/personas, GET /api/migration?from=&to= (a log alone), POST /api/events,",
        "GET /api/stream (Server-Sent Events),",
        "and their description at GET /api/openapi.json."})
final class ServeCommand implements Callable<Integer> {
  @Mixin InputOptions input;

  @Option(names = "--host", defaultValue = ApiOptions.DEFAULT_HOST,
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
  String host;

  @Option(names = "--port", defaultValue = "" + ApiOptions.DEFAULT_PORT,
      description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--cors-origin", paramLabel = "ORIGIN",
      description = "Let web pages from this origin (such as https://crm.example.com) call the API; repeatable. "
          + "Without it, CORS is off.")
  List<String> corsOrigins = new ArrayList<>();

  @Option(names = "--token-file", paramLabel = "FILE", description = {"Bearer token (16+ characters) that POST "
      + "/api/events requires.", "Needed to listen beyond this machine, where every /api/ request requires it."})
  Path tokenFile;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private String token() {
    if (tokenFile == null) return null;
    try {
      return Files.readString(tokenFile).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the token file " + tokenFile, e);
    }
  }

  /** Live events go to the --events file, but never pseudonymised ids into a log of real ones. */
  private Path appendableEventLog() {
    return input.events != null && input.eventsFormat() == LogFormat.EVENTS && input.anonymize == null && input.asOf == null
        ? input.events : null;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter stderr = spec.commandLine().getErr();
    ApiOptions options = ApiOptions.defaults().withHost(host, token()).withPort(port).withCorsOrigins(corsOrigins);
    Path log = appendableEventLog();
    if (log != null) {
      // Before the log is read: a record cut short by a crash is moved aside, not loaded.
      ApiServer.recoverEventLog(log).ifPresent(warning -> {
        stderr.println(warning);
        stderr.flush();
      });
      options = options.withEventLogFile(log);
    } else if (input.events != null) {
      options = options.withEventsInMemory(input.anonymize != null
          ? "kept in memory only: with --anonymize, pseudonymised ids are never appended to the log of real ones"
          : input.asOf != null ? "kept in memory only: with --as-of, the log is served as it stood then"
          : "kept in memory only: the --events file is a " + input.eventsFormat.label() + ", not an event log");
    }
    // Read the data while the HTTP server starts: they take a second and a few hundred milliseconds.
    CompletableFuture<CustomerAnalytics> loading = CompletableFuture.supplyAsync(input::analytics);
    ApiServer server = ApiServer.start(loading, options);
    CustomerAnalytics analytics = loading.join();
    AnalyzeCommand.reportSkipped(analytics, stderr);
    // Ctrl-C runs the shutdown hooks: stop serving, then let this command return.
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "lens-serve-shutdown"));
    stderr.printf(Locale.ROOT, "serving %s (%,d customers) at %s/ (ready %.2f s after the JVM started); "
        + "Ctrl-C stops%n",
        analytics.dataset().source(), analytics.dataset().rowCount(), server.url(),
        ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
    stderr.flush();
    stopped.await();
    return Main.OK;
  }
}
