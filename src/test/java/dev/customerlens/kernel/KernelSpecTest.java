package dev.customerlens.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.customerlens.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KernelSpecTest {
  @TempDir Path dir;

  @Test
  void kernelJsonStartsTheCommandWithTheConnectionFileAndTakesInterruptsByMessage() throws Exception {
    KernelSpec.launching(List.of("/opt/jdk/bin/java", "-cp", "/opt/lens.jar", "dev.customerlens.cli.Main", "kernel", "run"))
        .writeTo(dir.resolve("customer-lens"));
    String expected = new String(KernelSpecTest.class.getResourceAsStream("kernel.json").readAllBytes());
    assertEquals(expected, Files.readString(dir.resolve("customer-lens/kernel.json")));
  }

  @Test
  void specCommandWritesAKernelJsonThatRunsThisClassPathWithThisJvmAndPlotlyJsBesideIt() throws Exception {
    CommandLine cli = Main.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    assertEquals(0, cli.execute("kernel", "spec", "--out", dir.toString()), err.toString());
    JsonNode argv = new ObjectMapper().readTree(dir.resolve("kernel.json").toFile()).get("argv");
    assertEquals(Path.of(System.getProperty("java.home"), "bin", "java").toString(), argv.get(0).asText());
    assertEquals("-D" + KernelSpec.NAME_PROPERTY + "=" + KernelSpec.NAME, argv.get(1).asText());
    assertEquals(List.of("dev.customerlens.cli.Main", "kernel", "run", "{connection_file}"),
        List.of(argv.get(4).asText(), argv.get(5).asText(), argv.get(6).asText(), argv.get(7).asText()));
    assertTrue(Path.of(argv.get(3).asText().split(java.io.File.pathSeparator)[0]).isAbsolute());
    assertTrue(java.nio.file.Files.readString(dir.resolve(KernelSpec.PLOTLY_FILE)).startsWith("/**\n* plotly.js v"));
  }
}
