package dev.customerlens.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NotebooksTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void notebooksAreCommittedWithoutOutputs() throws Exception {
    assertFalse(Notebooks.all().isEmpty());
    for (Path notebook : Notebooks.all()) {
      for (JsonNode cell : JSON.readTree(notebook.toFile()).get("cells")) {
        if (!cell.get("cell_type").asText().equals("code")) continue;
        assertTrue(cell.get("outputs").isEmpty(), notebook.getFileName() + " has outputs in: " + Notebooks.source(cell));
        assertTrue(cell.get("execution_count").isNull(), notebook.getFileName() + " has execution counts");
      }
    }
  }

  @Test
  void notebooksOpenInTheCustomerLensKernel() throws Exception {
    for (Path notebook : Notebooks.all()) {
      JsonNode kernelspec = JSON.readTree(notebook.toFile()).path("metadata").path("kernelspec");
      assertEquals(KernelSpec.NAME, kernelspec.path("name").asText(), notebook.getFileName().toString());
      assertEquals(KernelSpec.DISPLAY_NAME, kernelspec.path("display_name").asText(), notebook.getFileName().toString());
    }
  }
}
