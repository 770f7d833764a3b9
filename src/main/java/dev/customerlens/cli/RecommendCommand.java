package dev.customerlens.cli;

import dev.customerlens.export.Export;
import dev.customerlens.export.TextTable;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What to do about it: the recommendation table for the whole base. */
@Command(name = "recommend", mixinStandardHelpOptions = true,
    description = {"Write every customer's recommendations, most urgent first, as CSV, JSON or XLSX",
        "(by the file name), and print the plan: which segments to target with what."})
final class RecommendCommand implements Callable<Integer> {
  @Mixin InputOptions input;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "File to write: .csv, .json or .xlsx.")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var analytics = input.analytics();
    AnalyzeCommand.reportSkipped(analytics, spec.commandLine().getErr());
    var list = analytics.recommendationList();
    Export.table(list, out);
    spec.commandLine().getOut().println(TextTable.TERMINAL.render(analytics.recommendations()));
    spec.commandLine().getErr().println("wrote " + list.rowCount() + " recommendations to " + out);
    return Main.OK;
  }
}
