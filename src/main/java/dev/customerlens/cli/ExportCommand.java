package dev.customerlens.cli;

import dev.customerlens.CustomerAnalytics;
import dev.customerlens.export.Export;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

/** Any result table as CSV, JSON or XLSX. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write a result table as CSV, JSON or XLSX (chosen by the file name).")
final class ExportCommand implements Callable<Integer> {
  /** The tables there are to export. */
  enum Which {
    customers(CustomerAnalytics::customers),
    recommendations(CustomerAnalytics::recommendationList),
    plan(CustomerAnalytics::recommendations),
    personas(CustomerAnalytics::personas);

    final Function<CustomerAnalytics, Table> table;

    Which(Function<CustomerAnalytics, Table> table) {
      this.table = table;
    }
  }

  @Mixin InputOptions input;

  @Option(names = "--table", required = true,
      description = "customers (scored), recommendations, plan or personas.")
  Which which;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "File to write: .csv, .json or .xlsx.")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var analytics = input.analytics();
    AnalyzeCommand.reportSkipped(analytics, spec.commandLine().getErr());
    Table table = which.table.apply(analytics);
    Export.table(table, out);
    spec.commandLine().getErr().println("wrote " + table.rowCount() + " rows to " + out);
    return Main.OK;
  }
}
