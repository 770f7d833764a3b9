package dev.customerlens.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.Fixtures;
import dev.customerlens.data.Dataset;
import dev.customerlens.data.Features;
import dev.customerlens.data.ReadOptions;
import dev.customerlens.persona.PersonaRules;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class PredictorTest {
  private static Table features(Dataset dataset) {
    Table features = Features.of(dataset);
    features.addColumns(PersonaRules.defaults().assign(features));
    return features;
  }

  private static final Table SMALL = features(Dataset.read(
      new ByteArrayInputStream(Fixtures.smallCsv().getBytes(StandardCharsets.UTF_8)), "small.csv", ReadOptions.strict()));
  private static final Table SCORES = Predictor.defaults().score(SMALL);

  @Test
  void probabilitiesAreProbabilitiesAndChurnIsTheComplementOfActivity() {
    for (int i = 0; i < SCORES.rowCount(); i++) {
      double active = SCORES.doubleColumn("p_active").getDouble(i);
      double purchase = SCORES.doubleColumn("purchase_probability").getDouble(i);
      assertTrue(active > 0 && active < 1);
      assertTrue(purchase > 0 && purchase <= active, "buying requires being active");
      assertEquals(1 - active, SCORES.doubleColumn("churn_risk").getDouble(i), 1e-12);
    }
  }

  /**
   * The default terms are previous purchases, subscription, review rating and purchases a year; each
   * row's shares are set by hand. Strongest first, ties in term order, a sign from the share itself
   * (so -0.004 shows as -0.00), hundredths rounded half up, and shares too large to key made directly.
   */
  @Test
  void topFactorsNameTheThreeStrongestSharesWithSignsAndHundredths() {
    double[][] shares = new double[4][SMALL.rowCount()];
    double[][] rows = {
        {0.804, -0.731, 0.5749, 0.1},
        {0.5, -0.5, 0.5, 0},
        {0.804, -0.731, 0.5749, 0.1},
        {-400, 0, 0, 123.455},
        {-0.004, 0, 0, 0}};
    for (int row = 0; row < rows.length; row++) {
      for (int t = 0; t < 4; t++) shares[t][row] = rows[row][t];
    }
    var factors = Predictor.defaults().scoreColumns(SMALL, shares).stringColumn("top_factors");
    assertEquals("previous purchases +0.80; subscription -0.73; review rating +0.57", factors.get(0));
    assertEquals("previous purchases +0.50; subscription -0.50; review rating +0.50", factors.get(1));
    assertEquals(factors.get(0), factors.get(2));
    assertEquals("previous purchases -400.00; purchases a year +123.46; subscription +0.00", factors.get(3));
    assertEquals("previous purchases -0.00; subscription +0.00; review rating +0.00", factors.get(4));
  }

  @Test
  void aFactorsExplanationSaysWhichWayItMovesTheOddsAndByHowMuchToTheHundredth() {
    assertEquals("subscription = Yes raises the odds of staying active (+0.80 log-odds)",
        new Factor("subscription", "Yes", 0.804).explain());
    assertEquals("purchases a year = 52 raises the odds of staying active (+123.46 log-odds)",
        new Factor("purchases a year", "52", 123.455).explain());
    assertEquals("review rating = 2.5 lowers the odds of staying active (-0.73 log-odds)",
        new Factor("review rating", "2.5", -0.731).explain());
    assertEquals("age = 40 lowers the odds of staying active (-0.00 log-odds)", new Factor("age", "40", -0.004).explain());
    assertEquals("age = 40 raises the odds of staying active (+0.00 log-odds)", new Factor("age", "40", 0).explain());
    assertEquals("age is " + Predictor.UNAVAILABLE + ": no effect on the odds",
        new Factor("age", Predictor.UNAVAILABLE, 0).explain());
  }

  @Test
  void theDeclaredScoreNamesAreTheColumnsThePredictionsAdd() {
    assertEquals(Predictor.SCORES, SCORES.columnNames().subList(1, SCORES.columnCount()));
  }

  @Test
  void factorsAddUpToTheScore() {
    Predictor predictor = Predictor.defaults();
    for (int row = 0; row < SMALL.rowCount(); row++) {
      double logit = predictor.activity().intercept();
      for (Factor f : predictor.explain(SMALL, row)) logit += f.effect();
      assertEquals(SCORES.doubleColumn("p_active").getDouble(row), 1 / (1 + Math.exp(-logit)), 1e-12);
    }
  }

  @Test
  void factorsAreOrderedByStrengthAndNameTheCustomersOwnValues() {
    List<Factor> factors = Predictor.defaults().explain(SMALL, 0);
    for (int i = 1; i < factors.size(); i++) {
      assertTrue(Math.abs(factors.get(i - 1).effect()) >= Math.abs(factors.get(i).effect()));
    }
    Factor subscription = factors.stream().filter(f -> f.name().equals("subscription")).findFirst().orElseThrow();
    assertEquals("Yes", subscription.value());
    assertEquals(0.8, subscription.effect(), 1e-12);
  }

  @Test
  void purchaseProbabilityFollowsThePoissonWindowOfTheStatedFrequency() {
    double active = SCORES.doubleColumn("p_active").getDouble(0);
    double weekly = 1 - Math.exp(-52 * 30 / 365.0);
    assertEquals(active * weekly, SCORES.doubleColumn("purchase_probability").getDouble(0), 1e-12);
  }

  @Test
  void lifetimeValueIsTheDiscountedRetainedSpendOverTheHorizon() {
    double active = SCORES.doubleColumn("p_active").getDouble(0);
    double annual = 83.0 * 52;
    double expected = 0;
    for (int t = 1; t <= 3; t++) expected += annual * Math.pow(active / 1.10, t);
    assertEquals(expected, SCORES.doubleColumn("clv").getDouble(0), 1e-6);
    assertEquals(83.0 * 34, SCORES.doubleColumn("current_value").getDouble(0), 1e-9);
  }

  @Test
  void nextActionFollowsItsStatedThresholds() {
    for (int i = 0; i < SCORES.rowCount(); i++) {
      double churn = SCORES.doubleColumn("churn_risk").getDouble(i);
      double purchase = SCORES.doubleColumn("purchase_probability").getDouble(i);
      String expected = churn >= 0.5 ? "Churn Risk" : purchase >= 0.5 ? "Purchase" : "Browse";
      assertEquals(expected, SCORES.stringColumn("next_action").get(i));
    }
  }

  @Test
  void missingRatingCountsAsAverageAndSaysSo() {
    Table features = features(Dataset.read(new ByteArrayInputStream(
        Fixtures.smallCsv().replace(",4.1,", ",,").getBytes(StandardCharsets.UTF_8)), "m.csv", ReadOptions.strict()));
    Factor rating = Predictor.defaults().explain(features, 0).stream()
        .filter(f -> f.name().equals("review rating")).findFirst().orElseThrow();
    assertEquals(0.0, rating.effect());
    assertTrue(rating.value().startsWith("missing"));
  }

  @Test
  void nextCategoryIsLearnedFromThePopulationAndIsNeverTheCustomersOwn() {
    Table embedded = features(Dataset.embedded());
    Table scores = Predictor.defaults().score(embedded);
    assertTrue(scores.stringColumn("next_category").countUnique() > 1, "a constant would not be learned");
    for (int i = 0; i < embedded.rowCount(); i++) {
      assertTrue(!scores.stringColumn("next_category").get(i).equals(embedded.stringColumn("category").get(i)));
      double p = scores.doubleColumn("next_category_probability").getDouble(i);
      assertTrue(p > 0 && p < 1);
    }
  }

  @Test
  void nextCategoryIsTheOtherCategoryWithTheHighestCellShareShrunkTowardsThePersonaMix() {
    // One persona: Bags 3 and Shoes 1 among the young, Shoes 4 among the old. Its mix with one
    // pseudo-customer per category: Bags (3 + 1) / (8 + 2) = 0.4, Shoes 0.6. With 2 pseudo-customers
    // per cell the young's shares are Bags (3 + 2 * 0.4) / (4 + 2) = 3.8 / 6, Shoes 2.2 / 6; the
    // old's Bags 0.8 / 6, Shoes 5.2 / 6.
    Predictor predictor = new Predictor(Predictor.defaults().activity(), 30, 3, 0.1, 2);
    List<NextCategory> next = predictor.nextCategories(Map.of(
        List.of("P", "young", "Bags"), 3L, List.of("P", "young", "Shoes"), 1L, List.of("P", "old", "Shoes"), 4L));
    Map<String, NextCategory> byCell = new HashMap<>();
    for (NextCategory n : next) byCell.put(n.ageBand() + " " + n.category(), n);
    assertEquals(Set.of("young Bags", "young Shoes", "old Shoes"), byCell.keySet(), "only cells with customers");
    assertEquals("Shoes", byCell.get("young Bags").nextCategory());
    assertEquals(2.2 / 6, byCell.get("young Bags").probability(), 1e-12);
    assertEquals("Bags", byCell.get("young Shoes").nextCategory());
    assertEquals(3.8 / 6, byCell.get("young Shoes").probability(), 1e-12);
    assertEquals("Bags", byCell.get("old Shoes").nextCategory(), "never the customer's own, however likely");
    assertEquals(0.8 / 6, byCell.get("old Shoes").probability(), 1e-12);
    assertTrue(predictor.formulas().get("next_category").contains(
        "(customers_in_cell_buying_category + 2 * persona_category_mix) / (customers_in_cell + 2)"),
        predictor.formulas().get("next_category"));
    assertTrue(predictor.formulas().get("next_category").contains(
        "persona_category_mix = (customers_in_persona_buying_category + 1) / (customers_in_persona + categories)"));
  }

  @Test
  void revenuePotentialSplitsTheBaseIntoQuartersHalfAndQuarter() {
    Table scores = Predictor.defaults().score(features(Dataset.embedded()));
    int high = scores.stringColumn("revenue_potential").isEqualTo("High").size();
    int low = scores.stringColumn("revenue_potential").isEqualTo("Low").size();
    assertEquals(0.25, high / 3900.0, 0.03);
    assertEquals(0.25, low / 3900.0, 0.03);
  }

  @Test
  void scoreTranslatesToSqlWithTheBasesScalingWrittenIn() {
    LinearScore activity = Predictor.defaults().activity();
    LinearScore.Scaling scaling = activity.scaling(SMALL);
    String sql = activity.toSql(scaling);
    // The logistic of the intercept plus each term's share, missing shares counting 0.
    assertTrue(sql.startsWith("(CAST(1.0 AS DOUBLE) / (CAST(1.0 AS DOUBLE) + EXP((-((((CAST(0.9 AS DOUBLE) + COALESCE("),
        sql);
    assertTrue(sql.contains("(CAST(previous_purchases AS DOUBLE) - CAST(" + scaling.mean()[0] + " AS DOUBLE))) / CAST("
        + scaling.sd()[0] + " AS DOUBLE)"), sql);
    assertTrue(sql.contains("COALESCE((CAST(0.8 AS DOUBLE) * CAST(subscribed AS DOUBLE)), 0)"), sql);
    assertTrue(sql.contains("LN(1 + CAST(purchases_per_year AS DOUBLE))"), sql);
  }
}
