package dev.customerlens.cli;

import dev.customerlens.export.Export;
import dev.customerlens.export.TextTable;
import dev.customerlens.export.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Who the customers are: the persona summary, or the rules themselves. */
@Command(name = "personas", mixinStandardHelpOptions = true,
    description = "Print the persona summary (count, share, spend, frequency, rating, demographics).")
final class PersonasCommand implements Callable<Integer> {
  @Mixin InputOptions input;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--show-rules", description = "Print the persona rules (as JSON, the --rules file format) instead.")
  boolean showRules;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var analytics = input.analytics();
    AnalyzeCommand.reportSkipped(analytics, spec.commandLine().getErr());
    var out = spec.commandLine().getOut();
    if (showRules) {
      out.println(analytics.rules().toJson());
    } else if (format == Format.json) {
      out.println(Json.write(Export.rows(analytics.personas())));
    } else {
      out.println(TextTable.TERMINAL.render(analytics.personas()));
    }
    return Main.OK;
  }
}
