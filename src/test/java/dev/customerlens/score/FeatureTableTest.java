package dev.customerlens.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.data.Dataset;
import dev.customerlens.model.CustomerModel;
import dev.customerlens.model.ProfileEngine;
import dev.customerlens.persona.Persona;
import dev.customerlens.persona.PersonaRule;
import dev.customerlens.persona.PersonaRules;
import dev.customerlens.persona.Trait;
import dev.customerlens.persona.Traits;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Rules over a table of named features (a log's customers) run on the columnar engine with the
 * Tablesaw evaluation's meaning for each kind of column, worked out by hand on three customers:
 *
 * <pre>
 * id  last_day    n    flag   text
 * a   2011-01-01  1    yes    x
 * b   2011-01-02  -    no     (blank)
 * c   -           3    -      y
 * </pre>
 */
class FeatureTableTest {
  private static final Table FEATURES = Table.create("features",
      StringColumn.create("customer_id", "a", "b", "c"),
      DateColumn.create("last_day", LocalDate.of(2011, 1, 1), LocalDate.of(2011, 1, 2), null),
      DoubleColumn.create("n", 1, Double.NaN, 3),
      BooleanColumn.create("flag", true, false).appendMissing(),
      StringColumn.create("text", "x", "", "y"));

  private static final Persona OTHER = new Persona("Other", "everyone else", List.of());
  private static final PersonaRules ONE_RULE = PersonaRules.of(List.of(PersonaRule.of("Counted", "has n", "n >= 0")), OTHER);

  /** Each condition's label and the customers it holds for, by hand. */
  private static final List<List<String>> CASES = List.of(
      List.of("last_day = '2011-01-02'", "b"),
      List.of("last_day != '2011-01-02'", "a"),
      List.of("last_day < '2011-01-02'", "a"),
      List.of("last_day >= '2011-01-01'", "ab"),
      List.of("n != 1", "c"),
      List.of("n <= 3", "ac"),
      List.of("n IN (1, 3)", "ac"),
      List.of("flag = false", "b"),
      List.of("flag != true", "b"),
      List.of("text = ''", "b"),
      List.of("text != 'x'", "c"),
      List.of("text IN ('x', 'y')", "ac"),
      List.of("customer_id = 'c'", "c"));

  @Test
  void datesNumbersFlagsAndTextMatchAsWorkedOutByHandAndAsTablesawMatchesThem() {
    Traits traits = new Traits(CASES.stream().map(c -> Trait.of(c.get(0), c.get(0))).toList());
    ProfileEngine.Profiles profiles = profile(ONE_RULE, traits);
    List<String> ids = List.of("a", "b", "c");
    for (int row = 0; row < ids.size(); row++) {
      String id = ids.get(row);
      List<String> expected = CASES.stream().filter(c -> c.get(1).contains(id)).map(c -> c.get(0)).toList();
      assertEquals(String.join(Traits.SEPARATOR, expected), profiles.traits().get(row), "customer " + id);
    }
    assertEquals(traits.describe(FEATURES).asList(), profiles.traits().asList());
  }

  @Test
  void theFirstMatchingPersonaWinsAndTheRestFallBack() {
    PersonaRules rules = PersonaRules.of(List.of(
        PersonaRule.of("Lapsed", "bought before the 2nd", "last_day < '2011-01-02'"),
        PersonaRule.of("Blank", "blank text or a large n", "text = '' OR n >= 5")), OTHER);
    ProfileEngine.Profiles profiles = profile(rules, new Traits(List.of()));
    assertEquals(List.of("Lapsed", "Blank", "Other"), profiles.personas().asList());
    assertEquals(rules.assign(FEATURES, java.util.Set.of()).asList(), profiles.personas().asList());
  }

  @Test
  void aDateComparedWithSomethingElseIsLeftToTablesawWhichSaysWhy() {
    Traits traits = new Traits(List.of(Trait.of("odd", "last_day > 'June'")));
    assertTrue(ColumnarProfiles.ENGINE.profile(derived(), FEATURES, logModel(ONE_RULE, traits)).isEmpty());
  }

  @Test
  void aRuleOnAColumnTheTableLacksIsLeftToTablesaw() {
    Traits traits = new Traits(List.of(Trait.of("odd", "loyalty_tier = 'Gold'")));
    assertTrue(ColumnarProfiles.ENGINE.profile(derived(), FEATURES, logModel(ONE_RULE, traits)).isEmpty());
  }

  private static ProfileEngine.Profiles profile(PersonaRules rules, Traits traits) {
    return ColumnarProfiles.ENGINE.profile(derived(), FEATURES, logModel(rules, traits)).orElseThrow();
  }

  private static Dataset derived() {
    return Dataset.derived("features", FEATURES, "0", List.of(), List.of());
  }

  private static CustomerModel logModel(PersonaRules rules, Traits traits) {
    return CustomerModel.forLogs().withRules(rules).withTraits(traits);
  }
}
