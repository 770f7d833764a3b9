package dev.customerlens.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The notebooks in a real front end: Debian's classic Jupyter Notebook server ({@code jupyter-notebook})
 * with this build's kernel installed, each notebook opened in Chromium through chromedriver and run
 * with Cell > Run All. Every chart must draw (plotly.js comes from the server, out of the kernelspec
 * folder), no cell may show an error, the files land in the project's exports/, and the saved
 * notebook stays small.
 */
class ClassicNotebookIT {
  private static final String TOKEN = "customer-lens-it";
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  /** Guards against a hung server or kernel only: a notebook runs in well under a minute. */
  private static final Duration RUN_WAIT = Duration.ofMinutes(5);
  private static final long MAX_SAVED_BYTES = 1_000_000;
  @TempDir Path home;

  /** What one code cell showed after Run All. */
  private record Cell(int index, String source, boolean chart, long drawn, List<String> errors) {}

  private record Run(String notebook, List<Cell> cells, long savedBytes, String problem) {}

  @TestFactory
  Stream<DynamicTest> everyNotebookRunsInTheClassicNotebookWithEveryChartDrawn() throws Exception {
    Jupyter jupyter = Jupyter.install(home);
    Path project = home.resolve("project");
    Files.createDirectories(project.resolve("notebooks"));
    for (Path notebook : Notebooks.all()) Files.copy(notebook, project.resolve("notebooks").resolve(notebook.getFileName()));
    int port = freePort();
    String url = "http://127.0.0.1:" + port + "/";
    Process server = jupyter.start(new ProcessBuilder(notebookServer(), "--no-browser", "--allow-root", "--ip=127.0.0.1",
        "--port=" + port, "--port-retries=0", "--NotebookApp.token=" + TOKEN, "--notebook-dir=" + project), "jupyter-notebook");
    List<Run> runs = new ArrayList<>();
    ChromeDriver browser = null;
    try {
      awaitServer(url, server, jupyter);
      browser = chromium();
      browser.get(url + "tree?token=" + TOKEN);
      for (Path notebook : Notebooks.all()) runs.add(run(browser, url, project, notebook.getFileName().toString()));
    } finally {
      if (browser != null) browser.quit();
      server.destroy();
      server.waitFor();
    }
    return runs.stream().map(run -> DynamicTest.dynamicTest(run.notebook(), () -> check(run, project)));
  }

  private static Run run(ChromeDriver browser, String url, Path project, String name) throws IOException {
    browser.get(url + "notebooks/notebooks/" + name);
    WebDriverWait wait = new WebDriverWait(browser, RUN_WAIT);
    wait.until(b -> (Boolean) browser.executeScript("return !!(window.Jupyter && Jupyter.notebook && "
        + "Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected())"));
    Path file = project.resolve("notebooks").resolve(name);
    long before = Files.size(file);
    browser.executeScript("Jupyter.notebook.execute_all_cells()");
    // A queued or running cell shows the prompt "*"; a cell after an error is aborted, not left queued.
    wait.until(b -> (Boolean) browser.executeScript("return Jupyter.notebook.get_cells().every("
        + "function(c){return c.cell_type!=='code' || c.input_prompt_number!=='*';})"));
    String problem = null;
    try {
      // Charts draw once plotly.js has loaded from the server, after the cell has finished.
      new WebDriverWait(browser, Duration.ofSeconds(60)).until(b -> cells(browser).stream()
          .allMatch(cell -> !cell.chart() || cell.drawn() > 0 || !cell.errors().isEmpty()));
    } catch (org.openqa.selenium.TimeoutException e) {
      problem = "not every chart drew within 60 s";
    }
    List<Cell> cells = cells(browser);
    Files.createDirectories(SCREENSHOTS);
    Files.write(SCREENSHOTS.resolve("classic-notebook-" + name.replace(".ipynb", ".png")),
        browser.getScreenshotAs(OutputType.BYTES));
    browser.executeScript("Jupyter.notebook.save_notebook()");
    wait.until(b -> {
      try {
        return Files.size(file) != before && !(Boolean) browser.executeScript("return Jupyter.notebook.dirty");
      } catch (IOException e) {
        return false;
      }
    });
    return new Run(name, cells, Files.size(file), problem);
  }

  @SuppressWarnings("unchecked")
  private static List<Cell> cells(ChromeDriver browser) {
    List<Map<String, Object>> raw = (List<Map<String, Object>>) browser.executeScript(
        "return Jupyter.notebook.get_cells().map(function(c,i){return {index:i,type:c.cell_type,source:c.get_text(),"
            + "drawn:c.element[0].querySelectorAll('.output_area .js-plotly-plot .main-svg').length,"
            + "errors:(c.output_area?c.output_area.outputs:[]).filter(function(o){return o.output_type==='error';})"
            + ".map(function(o){return o.ename+': '+o.evalue;})};})"
            + ".filter(function(c){return c.type==='code';})");
    return raw.stream().map(c -> new Cell(((Number) c.get("index")).intValue(), (String) c.get("source"),
        ((String) c.get("source")).contains("Charts."), ((Number) c.get("drawn")).longValue(),
        (List<String>) c.get("errors"))).toList();
  }

  private static void check(Run run, Path project) {
    if (run.problem() != null) fail(run.notebook() + ": " + run.problem() + "; cells: " + run.cells());
    for (Cell cell : run.cells()) {
      assertEquals(List.of(), cell.errors(), run.notebook() + " cell " + cell.index() + " (" + cell.source() + ")");
      if (cell.chart()) assertTrue(cell.drawn() > 0, run.notebook() + " cell " + cell.index() + " drew no chart");
    }
    assertTrue(run.cells().stream().anyMatch(Cell::chart), run.notebook() + " has a chart cell");
    for (String written : Notebooks.WRITES.get(run.notebook())) {
      assertTrue(Files.isRegularFile(project.resolve(written)), run.notebook() + " wrote " + written + " in the project");
    }
    assertTrue(run.savedBytes() < MAX_SAVED_BYTES, run.notebook() + " saved with outputs is " + run.savedBytes() + " bytes");
  }

  private static String notebookServer() {
    Path debian = Path.of("/usr/bin/jupyter-notebook");
    if (!Files.isExecutable(debian)) fail("no " + debian + "; apt-get install jupyter-notebook (see .ci/run)");
    return debian.toString();
  }

  private static ChromeDriver chromium() {
    ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,2400");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).build();
    return new ChromeDriver(service, options);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Polls the server's API until it answers; fails with its log if it exits first. */
  private static void awaitServer(String url, Process server, Jupyter jupyter) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create(url + "api/status?token=" + TOKEN)).build();
    long deadline = System.nanoTime() + RUN_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) fail("jupyter-notebook exited:\n" + jupyter.log("jupyter-notebook"));
      try {
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
      } catch (IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(200);
    }
    fail("jupyter-notebook did not answer:\n" + jupyter.log("jupyter-notebook"));
  }
}
