package dev.customerlens.analysis;

import dev.customerlens.clv.ChurnScore;
import dev.customerlens.clv.CustomerForecast;
import dev.customerlens.clv.Evaluation;
import dev.customerlens.clv.ForecastOptions;
import dev.customerlens.clv.Forecasts;
import dev.customerlens.clv.RepeatPurchaseModel;
import dev.customerlens.data.Dataset;
import dev.customerlens.errors.Failures;
import dev.customerlens.events.EventLog;
import dev.customerlens.predict.Predictor;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What an event log adds to an analysis: activity over time, a repeat-purchase model fitted to the
 * whole log, and an evaluation of that model and of the profile churn score on a holdout at the
 * log's end. The model and the evaluation cost a few seconds, so they are fitted on first use.
 */
public final class EventInsights {
  /** A calibration period shorter than this says too little about a customer's rhythm to evaluate. */
  static final int MIN_CALIBRATION_DAYS = 28;

  private final EventLog log;
  private final Dataset customers;
  private final Predictor predictor;
  private RepeatPurchaseModel model;
  private Map<String, CustomerForecast> forecasts;
  private Forecasts chosen;
  private Optional<Evaluation> evaluation;
  private String evaluationUnavailable;

  EventInsights(EventLog log, Dataset customers, Predictor predictor) {
    this.log = log;
    this.customers = customers;
    this.predictor = predictor;
  }

  /**
   * These insights with more events appended: forecasts move with the new purchases under the
   * parameters already fitted, and the holdout evaluation stays the one made on the log as loaded.
   */
  synchronized EventInsights append(EventLog more) {
    EventInsights next = new EventInsights(log.append(more), customers, predictor);
    next.model = model().refreshed(next.log);
    next.evaluation = evaluation();
    next.evaluationUnavailable = evaluationUnavailable;
    return next;
  }

  public EventLog log() {
    return log;
  }

  /** The log's last day: "now" for trends, recency and forecasts. */
  public LocalDate asOf() {
    return log.lastDate();
  }

  public synchronized RepeatPurchaseModel model() {
    if (model == null) model = RepeatPurchaseModel.fit(log);
    return model;
  }

  /**
   * Every customer's forecast over {@link LogScores#CHURN_DAYS} days by the forecast chosen on an
   * inner validation, with the holdout figures where the log is long enough to hold some back.
   */
  public synchronized Forecasts chosenForecasts() {
    if (chosen == null) {
      ForecastOptions options = new ForecastOptions(LogScores.CHURN_DAYS, 365 * predictor.clvYears(), predictor.discountRate());
      // The evaluation and the forecasts' own fits are independent until the evaluation's choice is
      // applied: on two cores they run side by side, and the forecasts wait for it only then.
      CompletableFuture<Judged> judging = evaluation != null
          ? CompletableFuture.completedFuture(new Judged(evaluation, evaluationUnavailable))
          : CompletableFuture.supplyAsync(this::judge);
      chosen = Forecasts.evaluated(log, () -> {
        keep(Failures.joined(judging));
        return evaluation;
      }, options);
    }
    return chosen;
  }

  public synchronized Optional<CustomerForecast> forecast(String customerId) {
    if (forecasts == null) {
      Map<String, CustomerForecast> byId = new HashMap<>();
      for (CustomerForecast f : model().forecasts(ForecastOptions.defaults())) byId.put(f.customerId(), f);
      forecasts = byId;
    }
    return Optional.ofNullable(forecasts.get(customerId));
  }

  /**
   * The models refitted on all but the last third of the log (at most a year) and checked against it,
   * with the profile churn score judged on the same holdout; empty, with {@link #evaluationUnavailable()}
   * saying why, when the log is too short.
   */
  public synchronized Optional<Evaluation> evaluation() {
    if (evaluation == null) keep(judge());
    return evaluation;
  }

  /** The evaluation, or why there is none. */
  private record Judged(Optional<Evaluation> evaluation, String unavailable) {}

  /** Makes the evaluation from the final fields alone, so that it may run on another thread. */
  private Judged judge() {
    // The same split as lens evaluate's default: the last third of the log's span, at most a year.
    LocalDate calibrationEnd = Evaluation.defaultCalibrationEnd(log);
    if (calibrationEnd.isBefore(log.firstDate().plusDays(MIN_CALIBRATION_DAYS))) {
      return new Judged(Optional.empty(), "the log covers " + log.firstDate() + " to " + asOf() + ": too short to "
          + "keep its last third back and still fit on " + MIN_CALIBRATION_DAYS + " days or more");
    }
    try {
      // Customers derived from the log have no profile score to judge beside the model.
      return new Judged(Optional.of(Evaluation.of(log, calibrationEnd, customers.isDerived()
          ? List.of() : List.of(ChurnScore.fromProfiles(customers, predictor)))), null);
    } catch (IllegalArgumentException e) {
      return new Judged(Optional.empty(), e.getMessage());
    }
  }

  private void keep(Judged judged) {
    evaluation = judged.evaluation();
    evaluationUnavailable = judged.unavailable();
  }

  public synchronized String evaluationUnavailable() {
    evaluation();
    return evaluationUnavailable;
  }
}
