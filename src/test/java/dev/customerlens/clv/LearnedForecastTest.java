package dev.customerlens.clv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.events.EventLog;
import dev.customerlens.events.LogFormat;
import dev.customerlens.events.LogReadOptions;
import dev.customerlens.generate.SyntheticEvents;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The learned model is trained on the calibration period alone. A log whose holdout is rewritten
 * adversarially (every customer buys every week of it, at a price no one paid before) must leave
 * it exactly as it was: any holdout row in its features or labels would change the trees.
 */
class LearnedForecastTest {
  private static final LocalDate START = LocalDate.of(2024, 1, 1);
  private static final LocalDate CALIBRATION_END = START.plusDays(159);
  private static final int HOLDOUT_DAYS = 80;
  private static CandidateForecasts before;
  private static CandidateForecasts after;

  @BeforeAll
  static void logs() {
    StringWriter csv = new StringWriter();
    SyntheticEvents.withSeed(11).customers(600).from(START).days(240).writeCsv(csv);
    EventLog plain = read(csv.toString());
    StringBuilder holdout = new StringBuilder(SyntheticEvents.HEADER).append('\n');
    for (String id : plain.customerIds()) {
      for (int week = 0; week < HOLDOUT_DAYS / 7; week++) {
        holdout.append(id).append(',').append(CALIBRATION_END.plusDays(1 + 7L * week)).append("T12:00:00,purchase,")
            .append("Leak,9999\n");
      }
    }
    before = candidates(plain);
    after = candidates(plain.append(read(holdout.toString())));
  }

  private static EventLog read(String csv) {
    return EventLog.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "generated.csv",
        LogFormat.EVENTS, LogReadOptions.strict());
  }

  private static CandidateForecasts candidates(EventLog log) {
    Cohort cohort = Cohort.of(log, CALIBRATION_END, CALIBRATION_END.plusDays(HOLDOUT_DAYS), Cohort.WEEK);
    return CandidateForecasts.of(log, cohort, HOLDOUT_DAYS);
  }

  @Test
  void trainingReadsFeaturesToTheInnerCutOffAndLabelsToTheCalibrationEnd() {
    CandidateForecasts c = after;

    assertNotNull(c.learned, c.learnedUnavailable);
    // The log starts on START, 159 days before the calibration end: the inner window is half that, 79 days.
    assertEquals(CALIBRATION_END.minusDays(79), c.innerCut);
    assertFalse(c.learned.featuresThrough().toLocalDate().isAfter(c.innerCut), "features read " + c.learned.featuresThrough());
    assertEquals(CALIBRATION_END, c.learned.labelsThrough());
  }

  @Test
  void anAdversarialHoldoutChangesNothingTheLearnedModelForecasts() {
    CandidateForecasts.Candidate learnedBefore = learned(before);
    CandidateForecasts.Candidate learnedAfter = learned(after);

    assertArrayEquals(learnedBefore.probability(), learnedAfter.probability());
    assertArrayEquals(learnedBefore.expected(), learnedAfter.expected());
    assertEquals(before.chosen, after.chosen);
    assertEquals(before.innerChecks, after.innerChecks);
    // The holdout itself did change: the evaluation sees the leak rows, the model does not.
    assertTrue(after.cohort.customers().stream().mapToInt(PurchaseHistory::holdoutPurchases).sum()
        > before.cohort.customers().stream().mapToInt(PurchaseHistory::holdoutPurchases).sum());
  }

  private static CandidateForecasts.Candidate learned(CandidateForecasts c) {
    List<CandidateForecasts.Candidate> found =
        c.candidates.stream().filter(f -> f.name().equals(LearnedForecast.NAME)).toList();
    assertEquals(1, found.size(), "learned model: " + c.learnedUnavailable);
    return found.get(0);
  }

  @Test
  void anEvaluationsChoiceReplacesTheInnerValidationsAndIsTheOneCheckMarkedChosen() {
    String other = before.innerChecks.stream().map(ScoreCheck::name).filter(name -> !name.equals(before.chosen))
        .findFirst().orElseThrow();
    CandidateForecasts evaluated = before.chosenBy(other);
    assertEquals(other, evaluated.chosen);
    assertEquals(other, evaluated.chosenCandidate().name());
    assertEquals(List.of(other), evaluated.innerChecks.stream().filter(ScoreCheck::chosen).map(ScoreCheck::name).toList());
    assertEquals("the forecast the evaluation chose and judged on its holdout: " + other, evaluated.choice);
    assertEquals(before.innerChecks.stream().map(ScoreCheck::brier).toList(),
        evaluated.innerChecks.stream().map(ScoreCheck::brier).toList(), "the inner figures are the inner validation's");
    assertEquals(before.chosen, before.chosenBy("no such forecast").chosen, "a forecast that was not a candidate");
  }

  @Test
  void importanceSharesAddUpToOne() {
    List<Driver> drivers = before.learned.importance();

    assertEquals(1, drivers.stream().mapToDouble(Driver::share).sum(), 1e-9);
    for (int i = 1; i < drivers.size(); i++) assertTrue(drivers.get(i).share() <= drivers.get(i - 1).share());
  }
}
