package dev.customerlens.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.customerlens.events.EventLog;
import dev.customerlens.events.LogFormat;
import dev.customerlens.events.LogReadOptions;
import dev.customerlens.generate.SyntheticEvents;
import dev.customerlens.persona.PersonaRules;
import dev.customerlens.predict.Predictor;
import dev.customerlens.score.ColumnarProfiles;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On generated logs whose generator moves a known share of customers at a known day, the migration
 * matrix and the drift report find what the generator did: the expected figures come from the
 * generator's own parameters and ground truth ({@link SyntheticEvents#moved}), never from the code
 * under test.
 */
class GeneratedShiftTest {
  private static final SyntheticEvents GENERATOR = SyntheticEvents.withSeed(2026).customers(6000);
  /** The window runs 2024-01-01 to 2024-06-30; the shift starts on the day after {@link #FROM}. */
  private static final LocalDate FROM = LocalDate.of(2024, 3, 31);
  private static final LocalDate AT = FROM.plusDays(1);
  private static final LocalDate TO = LocalDate.of(2024, 6, 29);
  private static final double SHARE = 0.25;

  private static EventLog base;

  @BeforeAll
  static void generate() {
    base = read(GENERATOR);
  }

  private static EventLog read(SyntheticEvents generator) {
    StringWriter out = new StringWriter();
    generator.writeCsv(out);
    return EventLog.read(new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8)), generator.toString(),
        LogFormat.EVENTS, LogReadOptions.strict());
  }

  private static Migration migration(EventLog log) {
    return Migration.of(log, FROM, TO, PersonaRules.forLogs(), Predictor.defaults(), ColumnarProfiles.ENGINE);
  }

  /** Customers known at FROM (not new) whose column is, or is not, No activity. */
  private static Set<String> knownAndIdle(Migration m, boolean idle) {
    Set<String> out = new HashSet<>();
    for (Migration.Move move : m.moves()) {
      if (!move.from().equals(Migration.NEW) && move.to().equals(Migration.NO_ACTIVITY) == idle) out.add(move.customerId());
    }
    return out;
  }

  @Test
  void theMigrationMatrixRecoversTheShareOfCustomersWhoLapsedWithinTwoPoints() {
    SyntheticEvents lapsing = GENERATOR.shift(AT, SHARE, SyntheticEvents.LAPSED);
    Migration without = migration(base);
    Migration with = migration(read(lapsing));
    // Without the shift these customers were active after FROM; with it, a quarter of them (drawn
    // independently of everything else) stop for good on AT and so land in No activity.
    Set<String> activeWithout = knownAndIdle(without, false);
    Set<String> idleWith = knownAndIdle(with, true);
    Set<String> newlyIdle = new HashSet<>(idleWith);
    newlyIdle.removeAll(knownAndIdle(without, true));
    double recovered = (double) newlyIdle.size() / activeWithout.size();
    assertEquals(SHARE, recovered, 0.02, newlyIdle.size() + " of " + activeWithout.size());
    // And they are exactly the customers the generator moved among those active without the shift.
    Set<String> truth = new HashSet<>();
    for (String id : activeWithout) if (lapsing.moved(Integer.parseInt(id))) truth.add(id);
    assertEquals(truth, newlyIdle);
  }

  @Test
  void theDriftReportFlagsTheFeaturesTheGeneratorChangedAndNoOthers() {
    // From AT every customer shops at the Young trend-follower's hours (busiest 21:00 to midnight,
    // against lunch, evening or daytime peaks for the others) and on its weekdays; how often they buy
    // and browse and what they spend stay as drawn. Of the numeric features only preferred_hour reads
    // when they shop (preferred_weekday is text, outside PSI), so it alone may be flagged.
    SyntheticEvents shifted = GENERATOR.shift(AT, 1.0, "Young trend-follower");
    Drift drift = Drift.of(read(shifted), FROM, TO, 90, Predictor.defaults());
    assertEquals(List.of("preferred_hour"), drift.flagged(Drift.WATCH), drift.table().printAll());
  }

  @Test
  void withoutAShiftNothingDriftsBetweenTheSamePeriods() {
    Drift drift = Drift.of(base, FROM, TO, 90, Predictor.defaults());
    assertEquals(List.of(), drift.flagged(Drift.WATCH), drift.table().printAll());
  }
}
