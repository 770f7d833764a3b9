package dev.customerlens.cli;

import dev.customerlens.chart.Charts;
import dev.customerlens.events.EventLog;
import dev.customerlens.export.Export;
import dev.customerlens.export.TextTable;
import dev.customerlens.predict.Predictor;
import dev.customerlens.score.ColumnarProfiles;
import dev.customerlens.timeline.Migration;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** Who moved from which persona to which between two days. */
@Command(name = "migration", mixinStandardHelpOptions = true,
    description = {"Customers of a log by persona at the end of --from (rows) and at the end of --to (columns),",
        "with the spend between the dates and the CLV at --to that each move carries.",
        "Rows add " + Migration.NEW + " (first event after --from); columns add " + Migration.NO_ACTIVITY
            + " (no event after --from)."})
final class MigrationCommand implements Callable<Integer> {
  @Mixin InputOptions input;

  @Option(names = "--from", required = true, paramLabel = "DATE", description = "The earlier day (YYYY-MM-DD).")
  LocalDate from;

  @Option(names = "--to", required = true, paramLabel = "DATE", description = "The later day (YYYY-MM-DD).")
  LocalDate to;

  @Option(names = "--out", paramLabel = "DIR", description = {"Also write migration_matrix.csv, migration_flows.csv, "
      + "migration_customers.csv (every customer with the cell they are in) and migration_sankey.html here."})
  Path out;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    EventLog log = input.logAloneOrEmbedded();
    Migration migration = Migration.of(log, from, to, input.logRules(), Predictor.defaults(),
        ColumnarProfiles.ENGINE);
    format.print(spec.commandLine().getOut(), migration, stdout -> {
      stdout.printf("%s: %,d customers, personas as of %s (rows) and %s (columns)%n%n", migration.source(),
          migration.customerCount(), from, to);
      stdout.println(TextTable.TERMINAL.render(migration.matrix()));
      stdout.println();
      stdout.println(TextTable.TERMINAL.render(migration.flowTable()));
      stdout.println();
      stdout.println(TextTable.wrap(Migration.NEW + ": first event after " + from + ". " + Migration.NO_ACTIVITY
          + ": no event after " + from + " (their persona as of " + to + " is in the customer export). row_pct: "
          + "share of the row. spend_between: purchases after " + from + " up to " + to + ". clv: "
          + migration.clvBasis() + ".", 100, ""));
    });
    if (out != null) {
      Export.csv(migration.matrix(), out.resolve("migration_matrix.csv"));
      Export.csv(migration.flowTable(), out.resolve("migration_flows.csv"));
      Export.csv(migration.customers(), out.resolve("migration_customers.csv"));
      Charts.migration(migration).write(out.resolve("migration_sankey.html"));
      PrintWriter stderr = spec.commandLine().getErr();
      stderr.println("wrote migration_matrix.csv, migration_flows.csv, migration_customers.csv and "
          + "migration_sankey.html to " + out.toAbsolutePath().normalize());
      stderr.flush();
    }
    return Main.OK;
  }
}
