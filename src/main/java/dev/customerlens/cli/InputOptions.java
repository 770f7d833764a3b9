package dev.customerlens.cli;

import dev.customerlens.CustomerAnalytics;
import dev.customerlens.data.Dataset;
import dev.customerlens.data.ReadOptions;
import dev.customerlens.persona.PersonaRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command that reads customers shares, with the same names everywhere. */
final class InputOptions {
  @Option(names = "--input", paramLabel = "FILE",
      description = "Customer CSV in the Customer Shopping Trends schema (default: the embedded sample data).")
  Path input;

  @Option(names = "--rules", paramLabel = "FILE", description = "Persona rules as JSON (default: the built-in rules).")
  Path rules;

  @Option(names = "--lenient", description = "Skip rows with bad values and report them, instead of failing.")
  boolean lenient;

  Dataset dataset() {
    if (input == null) return Dataset.embedded();
    ReadOptions options = lenient ? ReadOptions.lenient() : ReadOptions.strict();
    if (!Files.isRegularFile(input)) return Dataset.read(input, options);
    try (InputStream in = Progress.reading(input)) {
      return Dataset.read(in, input.toString(), options);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + input, e);
    }
  }

  CustomerAnalytics analytics() {
    CustomerAnalytics analytics = CustomerAnalytics.of(dataset());
    return rules == null ? analytics : analytics.withRules(PersonaRules.load(rules));
  }
}
