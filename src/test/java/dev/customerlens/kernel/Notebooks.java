package dev.customerlens.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** The project's notebooks, as the tests find them. */
final class Notebooks {
  /** What each notebook writes, relative to the project folder. A new notebook must be added here. */
  static final Map<String, Set<String>> WRITES = Map.of(
      "01-explore-personas.ipynb", Set.of(),
      "02-predictions-and-recommendations.ipynb", Set.of("exports/high-priority-retention.csv"),
      "03-customise-personas-and-report.ipynb", Set.of("exports/big-ticket-report.html", "exports/big-ticket-rules.json"),
      "04-transaction-log-alone.ipynb", Set.of("exports/log-contact-list.csv"),
      "05-personas-over-time.ipynb", Set.of("exports/shifted-events.csv", "exports/silent-loyalists.csv"));

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
