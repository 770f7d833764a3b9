package dev.customerlens.cli;

import dev.customerlens.events.EventLog;
import dev.customerlens.export.TextTable;
import dev.customerlens.score.ColumnarProfiles;
import dev.customerlens.timeline.Stability;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** How sure the persona shares are, and which personas customers keep from one week to the next. */
@Command(name = "stability", mixinStandardHelpOptions = true,
    description = {"Persona shares of a log's customers with 95%% bootstrap intervals, and per persona the share of",
        "its customers who keep it when the analysis date moves back a week (below "
            + Stability.UNSTABLE_BELOW_PCT + "%: unstable)."})
final class StabilityCommand implements Callable<Integer> {
  @Mixin InputOptions input;

  @Option(names = "--resamples", defaultValue = "" + Stability.DEFAULT_RESAMPLES, paramLabel = "N",
      description = "Bootstrap resamples (default: ${DEFAULT-VALUE}).")
  int resamples;

  @Option(names = "--seed", defaultValue = "" + Stability.DEFAULT_SEED, description = "Seed of the resampling (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (resamples < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--resamples must be at least 1, was " + resamples);
    EventLog log = input.logAloneOrEmbedded();
    // --as-of has cut the log there, so its last day is the day asked for.
    Stability stability = Stability.of(log, log.lastDate(), input.logRules(), ColumnarProfiles.ENGINE, resamples,
        seed);
    format.print(spec.commandLine().getOut(), stability, out -> {
      out.println(TextTable.TERMINAL.render(stability.table()));
      out.println();
      out.println(TextTable.wrap(stability.method(), 100, ""));
    });
    return Main.OK;
  }
}
