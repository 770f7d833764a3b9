package dev.customerlens.kernel;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed kernel, driven by a real Jupyter client: jupyter_kernel_test's conformance suite
 * plus this kernel's own protocol checks (conformance.py lists them). Each Python test becomes one
 * JUnit test here.
 */
class KernelConformanceIT {
  @TempDir Path home;

  @TestFactory
  Stream<DynamicTest> kernelAnswersJupyterClientsAsTheProtocolSays() throws Exception {
    Jupyter jupyter = Jupyter.install(home);
    Path results = home.resolve("conformance.jsonl");
    // A jar the kernel lacks, for %classpath; and an artifact the build has already downloaded, for %maven.
    Path extraJar = Jupyter.locationOf(org.opentest4j.AssertionFailedError.class);
    Path junitApi = Jupyter.locationOf(org.junit.jupiter.api.Test.class);
    String junitVersion = junitApi.getParent().getFileName().toString();
    jupyter.runScript("conformance.py", List.of(results.toString()), Map.of(
        "LENS_EXTRA_JAR", extraJar.toString(),
        "LENS_MAVEN_ARTIFACT", "org.junit.jupiter:junit-jupiter-api:" + junitVersion));
    return Jupyter.asTests(jupyter.results(results, "conformance.py"), "test");
  }
}
