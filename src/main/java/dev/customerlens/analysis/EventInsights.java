package dev.customerlens.analysis;

import dev.customerlens.clv.ChurnScore;
import dev.customerlens.clv.CustomerForecast;
import dev.customerlens.clv.Evaluation;
import dev.customerlens.clv.ForecastFit;
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
  private final EventLog log;
  private final Dataset customers;
  private final Predictor predictor;
  private RepeatPurchaseModel model;
  private Map<String, CustomerForecast> forecasts;
  private ForecastFit fit;
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

  /** The BG/NBD and Gamma-Gamma as of the log's last day: those of the chosen forecasts' fit once there is one. */
  public synchronized RepeatPurchaseModel model() {
    if (model == null) model = fit != null ? fit.repeatPurchaseModel(log) : RepeatPurchaseModel.fit(log);
    return model;
  }

  /**
   * Every customer's forecast over {@link ForecastFit#HORIZON_DAYS} days by the forecast chosen on an
   * inner validation, with the holdout figures where the log is long enough to hold some back.
   */
  public synchronized Forecasts chosenForecasts() {
    if (chosen == null) chosen = forecastFit().forecasts(log);
    return chosen;
  }

  /** The chosen forecast fitted as of the log's last day, which {@link #chosenForecasts()} applies to the log. */
  public synchronized ForecastFit forecastFit() {
    if (fit == null) {
      ForecastOptions options = ForecastFit.options(predictor);
      // The evaluation and the forecasts' own fits are independent until the evaluation's choice is
      // applied: on two cores they run side by side, and the forecasts wait for it only then.
      CompletableFuture<Evaluation.Judged> judging = evaluation != null
          ? CompletableFuture.completedFuture(new Evaluation.Judged(evaluation, evaluationUnavailable))
          : CompletableFuture.supplyAsync(this::judge);
      fit = ForecastFit.of(log, log.lastDate(), options, () -> {
        keep(Failures.joined(judging));
        return evaluation;
      });
    }
    return fit;
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

  /** Makes the evaluation from the final fields alone, so that it may run on another thread. */
  private Evaluation.Judged judge() {
    // Customers derived from the log have no profile score to judge beside the model.
    return Evaluation.atDefaultSplit(log, customers.isDerived() ? List.of()
        : List.of(ChurnScore.fromProfiles(customers, predictor)));
  }

  private void keep(Evaluation.Judged judged) {
    evaluation = judged.evaluation();
    evaluationUnavailable = judged.unavailable();
  }

  public synchronized String evaluationUnavailable() {
    evaluation();
    return evaluationUnavailable;
  }
}
