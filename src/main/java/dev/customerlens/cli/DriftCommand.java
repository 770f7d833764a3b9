package dev.customerlens.cli;

import dev.customerlens.events.EventLog;
import dev.customerlens.predict.Predictor;
import dev.customerlens.timeline.Drift;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** Whether the customers of a later period still look like those of an earlier one. */
@Command(name = "drift", mixinStandardHelpOptions = true,
    description = {"Population stability index and change in mean of every feature and score, between the --days",
        "ending on --from and the --days ending on --to, and the forecast's AUC in each period."})
final class DriftCommand implements Callable<Integer> {
  @Mixin InputOptions input;

  @Option(names = "--from", required = true, paramLabel = "DATE", description = "Last day of the earlier period.")
  LocalDate from;

  @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last day of the later period.")
  LocalDate to;

  @Option(names = "--days", paramLabel = "N", description = "Length of each period (default: the days between the "
      + "dates, at most 90).")
  Integer days;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    EventLog log = input.logAloneOrEmbedded();
    int length = days != null ? days : (int) Math.max(1, Math.min(90, ChronoUnit.DAYS.between(from, to)));
    Drift drift = Drift.of(log, from, to, length, Predictor.defaults());
    format.print(spec.commandLine().getOut(), drift, out -> out.println(DriftText.render(drift)));
    return Main.OK;
  }
}
