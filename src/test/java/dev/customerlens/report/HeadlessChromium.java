package dev.customerlens.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, run headless with no network, as a reader's browser would open a report file.
 * .ci/run installs it; set CHROMIUM to use another binary.
 */
final class HeadlessChromium {
  private static final Path BINARY = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

  /** What the browser ended with: the DOM after scripts ran, and what it logged from the page's console. */
  record Rendered(String dom, List<String> console) {}

  private HeadlessChromium() {}

  static Rendered render(Path html, Path profile) throws IOException, InterruptedException {
    Path log = Files.createTempFile("chromium", ".log");
    List<String> args = arguments(profile, 1280, 2000);
    args.add("--enable-logging=stderr");
    args.add("--v=0");
    args.add("--dump-dom");
    args.add(html.toUri().toString());
    String dom = run(args, log);
    List<String> console = new ArrayList<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      if (line.contains(":CONSOLE(")) console.add(line);
    }
    return new Rendered(dom, console);
  }

  static void screenshot(Path html, Path png, int width, int height, Path profile) throws IOException, InterruptedException {
    List<String> args = arguments(profile, width, height);
    args.add("--screenshot=" + png.toAbsolutePath());
    args.add(html.toUri().toString());
    run(args, Files.createTempFile("chromium", ".log"));
  }

  private static List<String> arguments(Path profile, int width, int height) {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(BINARY + " not found: the browser tests need Chromium (bash .ci/run installs it)");
    }
    // The flags that keep Chromium from reaching for the network: this machine has none.
    return new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=" + width + "," + height,
        "--virtual-time-budget=20000"));
  }

  private static String run(List<String> args, Path log) throws IOException, InterruptedException {
    Path out = Files.createTempFile("chromium", ".out");
    Process process = new ProcessBuilder(args).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("Chromium did not finish rendering within 2 minutes");
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
