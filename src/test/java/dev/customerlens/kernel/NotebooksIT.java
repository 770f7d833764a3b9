package dev.customerlens.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every notebook under notebooks/ runs headless in the installed kernel with nbclient, top to
 * bottom without a cell error, and shows what an analyst should see: HTML tables, one Plotly figure
 * per chart cell, and the files it says it writes, in the project's exports/. Executed, it stays small.
 */
class NotebooksIT {
  private static final String PLOTLY = "application/vnd.plotly.v1+json";
  /**
   * An executed notebook carries its tables and figures, not plotly.js (4.8 MB; the Jupyter server
   * serves it from the kernelspec): each of ours is well under this.
   */
  private static final long MAX_EXECUTED_BYTES = 1_000_000;

  @TempDir Path home;

  @TestFactory
  Stream<DynamicTest> everyNotebookRunsToTheEndWithTablesChartsAndFiles() throws Exception {
    List<Path> notebooks = Notebooks.all();
    assertEquals(new TreeSet<>(Notebooks.WRITES.keySet()), names(notebooks), "Notebooks.WRITES lists every notebook");
    Jupyter jupyter = Jupyter.install(home);
    Path results = home.resolve("notebooks.jsonl");
    List<String> arguments = new ArrayList<>(List.of(results.toString(), home.resolve("work").toString()));
    notebooks.forEach(notebook -> arguments.add(notebook.toString()));
    jupyter.runScript("run_notebooks.py", arguments, Map.of());
    return jupyter.results(results, "run_notebooks.py").stream()
        .map(result -> DynamicTest.dynamicTest(result.get("notebook").asText(), () -> check(result)));
  }

  private static void check(JsonNode result) throws IOException {
    String name = result.get("notebook").asText();
    if (!result.get("outcome").asText().equals("passed")) fail(result.get("detail").asText());
    assertTrue(result.get("html_tables").asInt() >= 1, name + " shows no HTML table");
    assertEquals(chartCells(Notebooks.dir().resolve(name)), result.path("mime_types").path(PLOTLY).asInt(),
        name + ": one Plotly figure per chart cell");
    Set<String> files = new TreeSet<>();
    result.get("files").forEach(file -> files.add(file.asText()));
    assertEquals(new TreeSet<>(Notebooks.WRITES.get(name)), files, name + " writes into the project's exports/, not notebooks/");
    assertTrue(result.get("bytes").asLong() < MAX_EXECUTED_BYTES, name + " executed is " + result.get("bytes") + " bytes");
  }

  private static long chartCells(Path notebook) throws IOException {
    JsonNode cells = new ObjectMapper().readTree(notebook.toFile()).get("cells");
    return StreamSupport.stream(cells.spliterator(), false)
        .filter(cell -> cell.get("cell_type").asText().equals("code"))
        .filter(cell -> Notebooks.source(cell).contains("Charts.")).count();
  }

  private static Set<String> names(List<Path> notebooks) {
    Set<String> names = new TreeSet<>();
    notebooks.forEach(notebook -> names.add(notebook.getFileName().toString()));
    return names;
  }
}
