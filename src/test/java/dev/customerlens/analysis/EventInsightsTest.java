package dev.customerlens.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.customerlens.clv.Evaluation;
import dev.customerlens.clv.Forecasts;
import dev.customerlens.events.CustomerFeatures;
import dev.customerlens.events.EventLog;
import dev.customerlens.predict.Predictor;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventInsightsTest {
  @Test
  void theForecastsMadeBesideTheEvaluationUseItsChoiceAndKeepIt() {
    EventLog log = EventLog.embedded();
    EventInsights insights = new EventInsights(log, CustomerFeatures.dataset(log, ""), Predictor.defaults());
    // Forecasts first: the evaluation is then made on another thread while the forecasts' fits run.
    Forecasts chosen = insights.chosenForecasts();
    Optional<Evaluation> evaluation = insights.evaluation();
    assertEquals(Forecasts.EVALUATED, chosen.basis());
    assertEquals(evaluation.orElseThrow().chosen(), chosen.model());
    assertNotNull(chosen.holdout());
    assertSame(evaluation, insights.evaluation(), "the evaluation made beside the forecasts is the one kept");
  }
}
