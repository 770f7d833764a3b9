package dev.customerlens.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./workspace opens jshell on the packaged jar with the kernel's imports, as the README shows. */
class WorkspaceScriptIT {
  private static final String STARTUP = "src/main/resources/dev/customerlens/kernel/startup.jsh";

  @TempDir Path project;

  @Test
  void readmeSessionRunsInJshell() throws Exception {
    // The script as committed, in a copy of the project layout whose target/ holds this build's jar.
    Path basedir = Notebooks.dir().getParent();
    Files.copy(basedir.resolve("workspace"), project.resolve("workspace"));
    Files.createDirectories(project.resolve(STARTUP).getParent());
    Files.copy(basedir.resolve(STARTUP), project.resolve(STARTUP));
    Files.createDirectories(project.resolve("target"));
    Files.createSymbolicLink(project.resolve("target/customer-lens.jar"), Jupyter.packagedJar());

    Process jshell = new ProcessBuilder(project.resolve("workspace").toString()).redirectErrorStream(true).start();
    jshell.getOutputStream().write(("var a = CustomerAnalytics.sample()\n"
        + "a.personas().rowCount()\n"
        + "display(a.personas().selectColumns(\"persona\").first(1))\n"
        + "/exit\n").getBytes(StandardCharsets.UTF_8));
    jshell.getOutputStream().close();
    String output = new String(jshell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertEquals(0, jshell.waitFor(), output);
    assertFalse(output.contains("Error"), output);
    assertTrue(output.contains("a ==> Analysis of embedded:customers.csv: 3900 customers"), output);
    assertTrue(output.contains("==> 7"), output);
    assertTrue(output.contains("Premium Loyalist"), output);
  }
}
