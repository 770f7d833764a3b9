package dev.customerlens.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

/**
 * A real Jupyter for the {@code *IT} tests: Debian's python3 with jupyter_client, nbclient and
 * jupyter_kernel_test (installed by .ci/run), and this build's kernel installed with
 * {@code lens kernel install --prefix} into a temporary folder that only these tests look in.
 */
final class Jupyter {
  private static final List<String> MODULES = List.of("jupyter_client", "nbclient", "nbformat", "jupyter_kernel_test");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path home;
  private final String python;

  private Jupyter(Path home, String python) {
    this.home = home;
    this.python = python;
  }

  /** Installs the packaged kernel under {@code home} with the real CLI and the real {@code jupyter}. */
  static Jupyter install(Path home) throws Exception {
    Path jar = packagedJar();
    Process install = new ProcessBuilder(java(), "-jar", jar.toString(), "kernel", "install", "--prefix",
        home.resolve("prefix").toString()).redirectErrorStream(true).start();
    String output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, install.waitFor(), "lens kernel install failed:\n" + output);
    Path spec = home.resolve("prefix/share/jupyter/kernels/" + KernelSpec.NAME + "/kernel.json");
    assertTrue(Files.readString(spec).contains(jar.toString()), "the kernelspec must start this build's jar");
    return new Jupyter(home, findPython());
  }

  /** Runs a Python script from this package's test resources with Jupyter pointed at the installed kernel. */
  int runScript(String script, List<String> arguments, Map<String, String> environment) throws Exception {
    List<String> command = new ArrayList<>(List.of(python, resource(script).toString()));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    int exit = start(builder, script).waitFor();
    System.out.println(log(script));
    return exit;
  }

  /**
   * Starts a Jupyter program (a script, a notebook server) in {@code home} with Jupyter pointed at
   * the installed kernel and at folders of its own; its output goes to {@code home/NAME.log}.
   */
  Process start(ProcessBuilder builder, String name) throws IOException {
    builder.directory(home.toFile()).redirectErrorStream(true).redirectOutput(home.resolve(name + ".log").toFile());
    builder.environment().put("JUPYTER_PATH", home.resolve("prefix/share/jupyter").toString());
    builder.environment().put("JUPYTER_RUNTIME_DIR", home.resolve("runtime").toString());
    builder.environment().put("JUPYTER_CONFIG_DIR", home.resolve("config").toString());
    builder.environment().put("JUPYTER_DATA_DIR", home.resolve("data").toString());
    return builder.start();
  }

  String log(String script) throws IOException {
    return Files.readString(home.resolve(script + ".log"));
  }

  /** The JSON lines a script wrote, one object each; fails with the script's log if it wrote none. */
  List<JsonNode> results(Path file, String script) throws IOException {
    List<JsonNode> results = new ArrayList<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file)) results.add(JSON.readTree(line));
    }
    if (results.isEmpty()) fail(script + " reported nothing:\n" + log(script));
    return results;
  }

  /** One JUnit test per Python test outcome, so failsafe counts and names them. */
  static Stream<DynamicTest> asTests(List<JsonNode> results, String nameField) {
    return results.stream().map(result -> DynamicTest.dynamicTest(result.get(nameField).asText(), () -> {
      String detail = result.path("detail").asText();
      switch (result.get("outcome").asText()) {
        case "passed" -> { }
        case "skipped" -> Assumptions.abort("skipped by the suite: " + detail);
        default -> fail(detail);
      }
    }));
  }

  /** The shaded jar of this build: failsafe runs after package, beside test-classes. */
  static Path packagedJar() throws URISyntaxException {
    Path testClasses = Path.of(Jupyter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path jar = testClasses.resolveSibling("customer-lens.jar");
    assertTrue(Files.isRegularFile(jar), "no " + jar + "; the *IT tests run in 'mvn verify', after the jar is packaged");
    return jar;
  }

  /** The jar or folder a class was loaded from. */
  static Path locationOf(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(Jupyter.class.getResource(name).toURI());
  }

  /**
   * LENS_PYTHON if set, else the first python3 that has the Jupyter modules. A python3 from pyenv or
   * a virtualenv may come first on the PATH without them, so Debian's /usr/bin/python3 is tried too.
   */
  private static String findPython() throws InterruptedException {
    String chosen = System.getenv("LENS_PYTHON");
    List<String> candidates = chosen != null ? List.of(chosen) : List.of("python3", "/usr/bin/python3");
    String imports = "import " + String.join(", ", MODULES);
    for (String candidate : candidates) {
      try {
        Process check = new ProcessBuilder(candidate, "-c", imports).redirectErrorStream(true).start();
        check.getInputStream().readAllBytes();
        if (check.waitFor() == 0) return candidate;
      } catch (IOException e) {
        if (chosen != null) throw new UncheckedIOException("LENS_PYTHON=" + chosen + " does not run", e);
      }
    }
    return fail("no python3 with " + MODULES + " among " + candidates + "; install Debian's python3-jupyter-client, "
        + "python3-nbclient, python3-nbformat and python3-jupyter-kernel-test (see .ci/run), or set LENS_PYTHON");
  }
}
