package dev.customerlens.cli;

import dev.customerlens.export.Json;
import java.io.PrintWriter;
import java.util.function.Consumer;

/** How a command prints its result: for people, or as clean JSON for other programs. */
enum Format {
  text, json;

  /** Prints {@code value} as JSON, or as {@code asText} writes it for people, and flushes. */
  void print(PrintWriter out, Object value, Consumer<PrintWriter> asText) {
    if (this == json) out.println(Json.write(value));
    else asText.accept(out);
    out.flush();
  }
}
