package dev.customerlens.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.errors.WorkspaceException;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ConditionTest {
  private final Table customers = Table.create("t",
      DoubleColumn.create("amount", 10, 60, 95, Double.NaN),
      BooleanColumn.create("subscribed", new boolean[] {true, false, true, false}),
      StringColumn.create("category", "Clothing", "Footwear", "O'Neill", "Clothing"));

  private List<Integer> rows(String expression) {
    var selected = Condition.parse(expression).select(customers);
    return java.util.stream.IntStream.of(selected.toArray()).boxed().toList();
  }

  @Test
  void andBindsTighterThanOr() {
    assertEquals(List.of(0, 1, 2), rows("amount < 20 OR subscribed AND amount > 90 OR category = 'Footwear'"));
    assertEquals(List.of(2), rows("(amount < 20 OR subscribed) AND amount > 90"));
  }

  @Test
  void missingValuesNeverMatchAComparisonEvenWhenNegated() {
    assertEquals(List.of(0, 1, 2), rows("amount >= 0"));
    assertEquals(List.of(0, 1, 2), rows("amount != 1000"));
  }

  @Test
  void everyComparisonOfWholeNumbersMatchesByHandAndNeverAMissingOne() {
    IntColumn visits = IntColumn.create("visits", 3, 0, 7, 3);
    visits.setMissing(1);
    Table table = Table.create("v", visits);
    java.util.function.Function<String, List<Integer>> rowsOf = expression -> java.util.stream.IntStream
        .of(Condition.parse(expression).select(table).toArray()).boxed().toList();
    assertEquals(List.of(0, 3), rowsOf.apply("visits = 3"));
    assertEquals(List.of(2), rowsOf.apply("visits != 3"));
    assertEquals(List.of(0, 3), rowsOf.apply("visits < 7"));
    assertEquals(List.of(0, 2, 3), rowsOf.apply("visits <= 7"));
    assertEquals(List.of(2), rowsOf.apply("visits > 3"));
    assertEquals(List.of(0, 2, 3), rowsOf.apply("visits >= 0"));
  }

  @Test
  void inAndNotInCompareText() {
    assertEquals(List.of(0, 1, 3), rows("category IN ('Clothing', 'Footwear')"));
    assertEquals(List.of(2), rows("category NOT IN ('Clothing', 'Footwear')"));
    assertEquals(List.of(2), rows("category = 'O''Neill'"));
  }

  @Test
  void bareYesNoFieldMeansYesAndNotMeansNo() {
    assertEquals(List.of(0, 2), rows("subscribed"));
    assertEquals(List.of(1, 3), rows("NOT subscribed"));
    assertEquals(List.of(1, 3), rows("subscribed = false"));
  }

  @Test
  void printsBackAsTextThatParsesToTheSameCondition() {
    String text = "subscribed AND (amount >= 60 OR category IN ('Clothing', 'O''Neill')) AND NOT amount < 1.5";
    Condition parsed = Condition.parse(text);
    assertEquals(parsed, Condition.parse(parsed.toString()));
    assertEquals("subscribed AND (amount >= 60 OR category IN ('Clothing', 'O''Neill')) AND NOT amount < 1.5",
        parsed.toString());
  }

  @Test
  void translatesToSqlWhereNullComparisonsAreFalse() {
    assertEquals("(COALESCE(subscribed = TRUE, FALSE) AND COALESCE(amount >= 60, FALSE))",
        Condition.parse("subscribed AND amount >= 60").toSql());
    assertEquals("COALESCE(category IN ('A''s', 'B'), FALSE)", Condition.parse("category IN ('A''s', 'B')").toSql());
  }

  @Test
  void javaPredicateRunsHereButRefusesToBecomeSql() {
    Condition custom = Condition.matching("category starts with O", row -> row.getString("category").startsWith("O"));
    assertEquals(1, custom.select(customers).size());
    WorkspaceException e = assertThrows(WorkspaceException.class, custom::toSql);
    assertTrue(e.getMessage().contains("cannot be translated to SQL"), e.getMessage());
  }

  @Test
  void unknownFieldListsTheKnownOnes() {
    WorkspaceException e = assertThrows(WorkspaceException.class, () -> rows("amout > 3"));
    assertTrue(e.getMessage().contains("unknown field \"amout\""), e.getMessage());
    assertTrue(e.getMessage().contains("amount, subscribed, category"), e.getMessage());
  }

  @Test
  void comparingTextWithANumberIsRejectedWithTheField() {
    WorkspaceException e = assertThrows(WorkspaceException.class, () -> rows("category > 3"));
    assertTrue(e.getMessage().contains("category must be compared with text"), e.getMessage());
  }

  @Test
  void syntaxErrorsSayWhere() {
    WorkspaceException e = assertThrows(WorkspaceException.class, () -> Condition.parse("amount >= AND x"));
    assertTrue(e.getMessage().contains("at character 11"), e.getMessage());
    assertThrows(WorkspaceException.class, () -> Condition.parse("(amount > 1"));
    assertThrows(WorkspaceException.class, () -> Condition.parse("category = 'open"));
    assertThrows(WorkspaceException.class, () -> Condition.parse(" "));
  }
}
