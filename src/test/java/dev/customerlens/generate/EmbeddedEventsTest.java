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

class EmbeddedEventsTest {
  /** Maven runs tests from the project directory. */
  private static final Path EMBEDDED = Path.of("data/events.csv");

  @Test
  void regeneratingFromRecordedSeedReproducesEmbeddedEventLogByteForByte() throws IOException {
    ByteArrayOutputStream generated = new ByteArrayOutputStream();
    try (Writer out = new OutputStreamWriter(generated, StandardCharsets.UTF_8)) {
      SyntheticEvents.withSeed(SyntheticEvents.DEFAULT_SEED).writeCsv(out);
    }

    assertArrayEquals(Files.readAllBytes(EMBEDDED), generated.toByteArray(),
        EMBEDDED + " no longer matches the generator; if the change to the generator is intended, "
            + "regenerate the file as the javadoc of SyntheticEvents.DEFAULT_SEED shows");
  }
}
