package dev.customerlens.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EmbeddedDatasetTest {
  /** Maven runs tests from the project directory. */
  private static final Path EMBEDDED = Path.of("data/customers.csv");

  @Test
  void regeneratingFromRecordedSeedReproducesEmbeddedDatasetByteForByte() throws IOException {
    ByteArrayOutputStream generated = new ByteArrayOutputStream();
    try (Writer out = new OutputStreamWriter(generated, StandardCharsets.UTF_8)) {
      SyntheticCustomers.withSeed(SyntheticCustomers.DEFAULT_SEED).rows(SyntheticCustomers.DEFAULT_ROWS).writeCsv(out);
    }

    assertArrayEquals(Files.readAllBytes(EMBEDDED), generated.toByteArray(),
        EMBEDDED + " no longer matches the generator; if the change to the generator is intended, "
            + "regenerate the file as the javadoc of SyntheticCustomers.DEFAULT_SEED shows");
  }
}
