package dev.customerlens.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {
  @Test
  void serveHelpListsItsOptions() {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));
    assertEquals(0, cli.execute("serve", "--help"));
    for (String option : new String[] {"--port", "--host", "--cors-origin", "--input", "--rules", "--lenient"}) {
      assertTrue(out.toString().contains(option), option + " in:\n" + out);
    }
  }

  private static String failingServe(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    assertEquals(2, cli.execute(args), err.toString());
    return err.toString();
  }

  @Test
  void badCorsOriginIsBadUsageWithExitCodeTwo() {
    String err = failingServe("serve", "--port", "0", "--cors-origin", "crm.example.com");
    assertTrue(err.contains("CORS origin \"crm.example.com\""), err);
  }

  @Test
  void inputThatCannotBeReadStopsTheServerWithExitCodeTwo(@TempDir Path dir) {
    String err = failingServe("serve", "--port", "0", "--input", dir.resolve("missing.csv").toString());
    assertTrue(err.startsWith("error: ") && err.contains("missing.csv:1: no such file"), err);
  }

  @Test
  void portInUseIsExitCodeTwoNamingThePort() {
    try (ApiServer taken = ApiServer.start(ApiClient.SAMPLE, ApiOptions.defaults().withPort(0))) {
      String err = failingServe("serve", "--port", Integer.toString(taken.port()));
      assertTrue(err.contains("cannot listen on 127.0.0.1:" + taken.port()), err);
    }
  }
}
