package dev.customerlens.cli;

import dev.customerlens.analysis.EventInsights;
import dev.customerlens.export.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How good the scores are, judged on what customers did next. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Fit the repeat-purchase model on the event log without its last 13 weeks and check it,",
        "and the profile churn score, against what those weeks show (needs an event log)."})
final class EvaluateCommand implements Callable<Integer> {
  @Mixin InputOptions input;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var analytics = input.analytics();
    AnalyzeCommand.reportSkipped(analytics, spec.commandLine().getErr());
    if (analytics.events().isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "nothing to evaluate against: the customer table has no outcomes; give an event log with --events FILE");
    }
    var evaluation = analytics.analysis().events().flatMap(EventInsights::evaluation);
    if (evaluation.isEmpty()) {
      spec.commandLine().getErr().println("error: cannot evaluate: "
          + analytics.analysis().events().orElseThrow().evaluationUnavailable());
      return Main.BAD_INPUT;
    }
    spec.commandLine().getOut().println(format == Format.json ? Json.write(evaluation.get())
        : evaluation.get() + evaluation.get().calibrationText());
    spec.commandLine().getOut().flush();
    return Main.OK;
  }
}
