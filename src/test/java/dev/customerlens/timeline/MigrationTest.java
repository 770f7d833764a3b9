package dev.customerlens.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.events.EventLog;
import dev.customerlens.model.ProfileEngine;
import dev.customerlens.persona.PersonaRules;
import dev.customerlens.predict.Predictor;
import dev.customerlens.score.ColumnarProfiles;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class MigrationTest {
  private static final LocalDate FROM = LocalDate.of(2024, 2, 1);
  private static final LocalDate TO = LocalDate.of(2024, 3, 10);

  private static Migration handWorked() {
    return Migration.of(HandWorkedLog.log(), FROM, TO, HandWorkedLog.rules(), Predictor.defaults(),
        ColumnarProfiles.ENGINE);
  }

  @Test
  void eachCustomerLandsInTheCellOfTheirPersonaAtBothDates() {
    Migration m = handWorked();
    // As of 02-01: A bought on 2 days (Repeat), B on 1 (Single), D only viewed (Browser), C not yet seen (New).
    // After 02-01: A bought 03-10 (Repeat, 3 days), C 02-15 (Single), D 02-20 (Single); B did nothing (No activity).
    assertEquals(List.of("Repeat", "Single", "Browser", Migration.NEW), m.fromStates());
    assertEquals(List.of("Repeat", "Single", Migration.NO_ACTIVITY), m.toStates());
    assertEquals(1, m.count("Repeat", "Repeat"));
    assertEquals(1, m.count("Single", Migration.NO_ACTIVITY));
    assertEquals(1, m.count(Migration.NEW, "Single"));
    assertEquals(1, m.count("Browser", "Single"));
    assertEquals(0, m.count("Single", "Single"));
    assertEquals(4, m.customerCount());
  }

  @Test
  void theSpendThatMovedIsThePurchasesBetweenTheDatesOnly() {
    Migration m = handWorked();
    Table b = m.customers("Single", Migration.NO_ACTIVITY);
    assertEquals(List.of("B"), b.stringColumn("customer_id").asList());
    // B's persona as of 03-10 is still Single: the export keeps it beside the column it counts in.
    assertEquals("Single", b.stringColumn("persona_to").get(0));
    assertEquals(0.0, b.doubleColumn("spend_between").getDouble(0));
    // A's $10 and $20 came before 02-01; only the $30 of 03-10 moved with A.
    assertEquals(30.0, m.customers("Repeat", "Repeat").doubleColumn("spend_between").getDouble(0));
    // D's view of 01-10 is before; the $15 of 02-20 is between.
    assertEquals(15.0, m.customers("Browser", "Single").doubleColumn("spend_between").getDouble(0));
    assertEquals(30 + 40 + 15, m.flows().stream().mapToDouble(Migration.Flow::spendBetween).sum(), 1e-9);
  }

  @Test
  void withTooFewRepeatBuyersForASpendModelTheClvIsUnavailableNotInvented() {
    Migration m = handWorked();
    // Only A has repeat purchases: Gamma-Gamma needs two repeat customers with spend.
    assertTrue(m.clvBasis().startsWith("unavailable"), m.clvBasis());
    m.flows().forEach(f -> assertNull(f.clv(), f.toString()));
  }

  @Test
  void theMatrixCountsEachRowAndColumnWithTotals() {
    Table matrix = handWorked().matrix();
    assertEquals(List.of("from \\ to", "Repeat", "Single", Migration.NO_ACTIVITY, "total"), matrix.columnNames());
    assertEquals(List.of("Repeat", "Single", "Browser", Migration.NEW, "total"), matrix.stringColumn(0).asList());
    // Column Single: Browser D and New C; the total row sums each column, the last cell all four customers.
    assertEquals(List.of(0, 0, 1, 1, 2), matrix.intColumn("Single").asList());
    assertEquals(List.of(1, 1, 1, 1, 4), matrix.intColumn("total").asList());
  }

  @Test
  void rejectsDatesInTheWrongOrderOrOutsideTheLog() {
    var log = HandWorkedLog.log();
    var rules = HandWorkedLog.rules();
    var p = Predictor.defaults();
    WorkspaceException reversed = assertThrows(WorkspaceException.class, () -> Migration.of(log, TO, FROM, rules, p,
        ColumnarProfiles.ENGINE));
    assertTrue(reversed.getMessage().contains("must be after"), reversed.getMessage());
    WorkspaceException outside = assertThrows(WorkspaceException.class,
        () -> Migration.of(log, FROM, LocalDate.of(2024, 4, 1), rules, p, ColumnarProfiles.ENGINE));
    assertEquals("2024-04-01 is outside hand.csv, which covers 2024-01-01 to 2024-03-10", outside.getMessage());
  }

  @Test
  void theColumnarEngineGivesEveryCustomerTheMoveTheTablesawEvaluationGives() {
    EventLog log = EventLog.embedded();
    LocalDate to = log.lastDate();
    LocalDate from = to.minusDays(90);
    int[] answered = {0};
    ProfileEngine counted = (customers, features, model) -> {
      var profiles = ColumnarProfiles.ENGINE.profile(customers, features, model);
      if (profiles.isPresent()) answered[0]++;
      return profiles;
    };
    Migration engine = Migration.of(log, from, to, PersonaRules.forLogs(), Predictor.defaults(), counted);
    Migration tablesaw = Migration.of(log, from, to, PersonaRules.forLogs(), Predictor.defaults(), ProfileEngine.TABLESAW);
    assertEquals(2, answered[0], "the engine, not the fallback, assigned both days' personas");
    assertEquals(tablesaw.moves(), engine.moves());
    assertEquals(tablesaw.flows(), engine.flows());
  }
}
