package dev.customerlens.persona;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.CustomerAnalytics;
import dev.customerlens.data.Dataset;
import dev.customerlens.data.Features;
import dev.customerlens.errors.WorkspaceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.Selection;

class PersonaRulesTest {
  private static final Table FEATURES = Features.of(Dataset.embedded());

  @Test
  void defaultsIncludeTheSeedPersonasAndAtLeastThreeMore() {
    List<String> names = PersonaRules.defaults().names();
    assertTrue(names.containsAll(List.of("Premium Loyalist", "Bargain Hunter", "Quality Seeker")), names.toString());
    assertTrue(names.size() >= 6, names.toString());
  }

  @Test
  void everyCustomerGetsTheFirstRuleThatMatchesOrTheFallback() {
    PersonaRules rules = PersonaRules.defaults();
    StringColumn assigned = rules.assign(FEATURES);
    Selection unclaimed = Selection.withRange(0, FEATURES.rowCount());
    for (PersonaRule rule : rules.rules()) {
      Selection matches = rule.when().select(FEATURES).and(unclaimed);
      assertEquals(matches.size(), assigned.isEqualTo(rule.name()).size(), rule.name());
      for (int row : matches) assertEquals(rule.name(), assigned.get(row));
      unclaimed = unclaimed.andNot(matches);
    }
    assertEquals(unclaimed.size(), assigned.isEqualTo(rules.fallback().name()).size());
    assertEquals(0, assigned.countMissing());
  }

  @Test
  void defaultPersonasAreNotDegenerateOnTheEmbeddedData() {
    Table summary = CustomerAnalytics.sample().personas();
    long nonEmpty = summary.intColumn("customers").asList().stream().filter(n -> n > 0).count();
    assertTrue(nonEmpty >= 5, summary.print());
    assertTrue(summary.doubleColumn("share_pct").max() <= 60, summary.print());
    assertEquals(100.0, summary.doubleColumn("share_pct").sum(), 0.5);
  }

  @Test
  void personaAddedFirstChangesTheAssignmentAndTheSummary() {
    CustomerAnalytics before = CustomerAnalytics.sample();
    CustomerAnalytics after = before.withPersona(
        PersonaRule.of("Big Ticket", "Spends $150 or more per order", "amount >= 150", "spends $150+"));
    Table summary = after.personas();
    int bigTicket = summary.intColumn("customers").getInt(0);
    assertEquals("Big Ticket", summary.stringColumn("persona").get(0));
    assertEquals(FEATURES.doubleColumn("amount").isGreaterThanOrEqualTo(150).size(), bigTicket);
    assertTrue(bigTicket > 0);
    int lost = 0;
    Table old = before.personas();
    for (int i = 0; i < old.rowCount(); i++) {
      lost += old.intColumn("customers").getInt(i) - summary.intColumn("customers").getInt(i + 1);
    }
    assertEquals(bigTicket, lost, "the new persona's customers came from the others");
    assertFalse(before.personas().stringColumn("persona").contains("Big Ticket"), "the old analysis is unchanged");
  }

  @Test
  void reorderingChangesWhoMatchesFirst() {
    PersonaRules rules = PersonaRules.defaults();
    int qualityBefore = rules.assign(FEATURES).isEqualTo("Quality Seeker").size();
    PersonaRules moved = rules.move("Quality Seeker", 0);
    assertEquals("Quality Seeker", moved.rules().get(0).name());
    int qualityAfter = moved.assign(FEATURES).isEqualTo("Quality Seeker").size();
    assertTrue(qualityAfter > qualityBefore, qualityBefore + " -> " + qualityAfter);
  }

  @Test
  void removeAndReplaceEditByName() {
    PersonaRules rules = PersonaRules.defaults()
        .remove("New Explorer")
        .replace("Bargain Hunter", PersonaRule.of("Deal Seeker", "Used a promo code", "promo_used"));
    assertFalse(rules.names().contains("New Explorer"));
    assertEquals("Deal Seeker", rules.rules().get(1).name());
    WorkspaceException e = assertThrows(WorkspaceException.class, () -> rules.remove("Nobody"));
    assertTrue(e.getMessage().contains("no persona rule named \"Nobody\""), e.getMessage());
  }

  @Test
  void lambdaRuleWorksInANotebookButCannotBeSaved() {
    PersonaRules rules = PersonaRules.defaults()
        .first(PersonaRule.of("Texan", "Lives in Texas", row -> row.getString("location").equals("Texas")));
    assertTrue(rules.assign(FEATURES).isEqualTo("Texan").size() > 0);
    assertThrows(WorkspaceException.class, rules::toJson);
  }

  @Test
  void rulesSavedAsJsonLoadBackTheSame(@TempDir Path dir) throws Exception {
    PersonaRules rules = PersonaRules.defaults().first(PersonaRule.of("VIP", "Spends $95+", "amount >= 95", "vip"));
    Path file = Files.writeString(dir.resolve("rules.json"), rules.toJson());
    PersonaRules loaded = PersonaRules.load(file);
    assertEquals(rules.rules(), loaded.rules());
    assertEquals(rules.fallback(), loaded.fallback());
  }

  @Test
  void badRuleInAFileNamesTheFileAndTheRule(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("rules.json"),
        "{\"rules\": [{\"name\": \"A\", \"description\": \"d\", \"when\": \"amount >=\"}]}");
    WorkspaceException e = assertThrows(WorkspaceException.class, () -> PersonaRules.load(file));
    assertTrue(e.getMessage().startsWith(file + ": rule 1: cannot read the condition"), e.getMessage());
  }

  @Test
  void duplicateRuleNamesAreRejected() {
    assertThrows(WorkspaceException.class,
        () -> PersonaRules.defaults().add(PersonaRule.of("Bargain Hunter", "again", "promo_used")));
  }

  @Test
  void rulesTranslateToOneSqlCaseExpression() {
    String sql = PersonaRules.defaults().toSql();
    assertTrue(sql.startsWith("CASE\n  WHEN (COALESCE(subscribed = TRUE, FALSE)"), sql);
    assertTrue(sql.endsWith("ELSE 'Casual Shopper'\nEND"), sql);
  }
}
