package dev.customerlens.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The project's notebooks, as the tests find them. */
final class Notebooks {
  private Notebooks() {}

  /** notebooks/ of the project being built: Maven runs tests with the project folder as basedir. */
  static Path dir() {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).resolve("notebooks");
  }

  static List<Path> all() throws IOException {
    try (Stream<Path> files = Files.list(dir())) {
      return files.filter(file -> file.getFileName().toString().endsWith(".ipynb")).sorted().toList();
    }
  }

  /** A cell's source, which nbformat stores as one string or as a list of lines. */
  static String source(JsonNode cell) {
    JsonNode source = cell.get("source");
    if (source.isTextual()) return source.asText();
    StringBuilder text = new StringBuilder();
    source.forEach(line -> text.append(line.asText()));
    return text.toString();
  }
}
