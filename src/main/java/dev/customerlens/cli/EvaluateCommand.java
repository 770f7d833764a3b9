package dev.customerlens.cli;

import dev.customerlens.clv.ChurnScore;
import dev.customerlens.clv.Evaluation;
import dev.customerlens.data.Pseudonyms;
import dev.customerlens.data.SkippedRow;
import dev.customerlens.events.EventLog;
import dev.customerlens.events.LogReadOptions;
import dev.customerlens.predict.Predictor;
import dev.customerlens.timeline.Drift;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** How good the forecasts are, judged on what customers did next. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Split the event log at a calibration end, forecast the rest from the part before it, and check",
        "the forecasts (BG/NBD, Pareto/NBD, a learned model, simple baselines and, with --input, the profile",
        "churn score) against what happened. A log alone (--events without --input) is enough."})
final class EvaluateCommand implements Callable<Integer> {
  @Mixin InputOptions input;

  @Option(names = "--calibration-end", paramLabel = "DATE", description = {"Last day of the calibration period "
      + "(YYYY-MM-DD).", "Default: the log's last day minus --holdout-days, or else the last third of the log's "
      + "span held out, at most " + Evaluation.MAX_DEFAULT_HOLDOUT_DAYS + " days."})
  LocalDate calibrationEnd;

  @Option(names = "--holdout-days", paramLabel = "N", description = "Days after the calibration end to judge on "
      + "(default: to the log's last day).")
  Integer holdoutDays;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (holdoutDays != null && holdoutDays < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--holdout-days must be at least 1, was " + holdoutDays);
    }
    EventLog log;
    List<ChurnScore> outside;
    if (input.logAlone()) {
      // The log alone: no customer table to check its ids against, and no profile score to judge.
      log = input.usableLog();
      reportSkipped(log.summary().skipped(), err);
      outside = List.of();
    } else {
      var analytics = input.analytics();
      AnalyzeCommand.reportSkipped(analytics, err);
      if (analytics.events().isEmpty()) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "nothing to evaluate against: the customer table has no outcomes; give an event log with --events FILE");
      }
      log = analytics.events().get();
      reportSkipped(log.summary().skipped(), err);
      outside = List.of(ChurnScore.fromProfiles(analytics.dataset(), Predictor.defaults()));
    }
    if (log.rowCount() == 0) {
      err.println("error: cannot evaluate: " + log.source() + " has no usable events");
      return Main.BAD_INPUT;
    }
    LocalDate end = calibrationEnd != null ? calibrationEnd
        : holdoutDays != null ? log.lastDate().minusDays(holdoutDays) : Evaluation.defaultCalibrationEnd(log);
    LocalDate holdoutEnd = holdoutDays == null ? log.lastDate() : end.plusDays(holdoutDays);
    Evaluation evaluation;
    try {
      evaluation = Evaluation.of(log, end, holdoutEnd, outside);
    } catch (IllegalArgumentException e) {
      err.println("error: cannot evaluate: " + e.getMessage());
      return Main.BAD_INPUT;
    }
    format.print(spec.commandLine().getOut(), evaluation, out -> out.println(evaluation.report()));
    spec.commandLine().getOut().flush();
    warnOfDrift(log, end, holdoutEnd, err);
    return Main.OK;
  }

  /**
   * Compares the end of the calibration period (as long as the holdout) with the holdout, the latest
   * period judged: a model fitted on customers unlike today's is measured on a world that has gone.
   */
  private static void warnOfDrift(EventLog log, LocalDate calibrationEnd, LocalDate holdoutEnd, PrintWriter err) {
    long days = holdoutEnd.toEpochDay() - calibrationEnd.toEpochDay();
    LocalDate first = calibrationEnd.minusDays(days - 1);
    if (first.isBefore(log.firstDate())) first = log.firstDate();
    Drift drift = Drift.between(log, first, calibrationEnd, calibrationEnd.plusDays(1), holdoutEnd, Predictor.defaults());
    List<String> act = drift.flagged(Drift.ACT);
    List<String> watch = drift.flagged(Drift.WATCH).stream().filter(name -> !act.contains(name)).toList();
    String periods = " between the calibration's last days (" + first + " to " + calibrationEnd + ") and the holdout ("
        + calibrationEnd.plusDays(1) + " to " + holdoutEnd + "); lens drift --from " + calibrationEnd + " --to "
        + holdoutEnd + " --days " + Math.min(days, calibrationEnd.toEpochDay() - first.toEpochDay() + 1) + " shows all";
    if (!act.isEmpty()) {
      err.println("warning: the model was fitted on a period that has drifted: PSI >= " + Drift.ACT + " (act) for "
          + String.join(", ", act) + (watch.isEmpty() ? "" : "; >= " + Drift.WATCH + " (watch) for " + String.join(", ", watch))
          + periods);
    } else if (!watch.isEmpty()) {
      err.println("note: PSI >= " + Drift.WATCH + " (watch, below " + Drift.ACT + ") for " + String.join(", ", watch) + periods);
    }
    err.flush();
  }

  private static void reportSkipped(List<SkippedRow> skipped, PrintWriter err) {
    if (skipped.isEmpty()) return;
    err.println("skipped " + skipped.size() + " log row" + (skipped.size() == 1 ? "" : "s") + ":");
    for (SkippedRow row : skipped) row.reasons().forEach(issue -> err.println("  " + issue));
    err.flush();
  }
}
