package dev.customerlens.predict;

import static dev.customerlens.predict.Formula.constant;
import static dev.customerlens.predict.Formula.feature;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.customerlens.errors.WorkspaceException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormulaTest {
  private static double evaluate(Formula formula, Map<String, Double> row) {
    return formula.compile(new JavaArithmetic(name -> i -> row.get(name))).applyAsDouble(0);
  }

  @Test
  void textBracketsOnlyWhereTheOrderOfOperationsNeedsIt() {
    Formula a = feature("a");
    Formula b = feature("b");
    Formula c = feature("c");
    assertEquals("a - b - c", a.minus(b).minus(c).text());
    assertEquals("a - (b - c)", a.minus(b.minus(c)).text());
    assertEquals("a * (b + c)", a.times(b.plus(c)).text());
    assertEquals("a * b + c", a.times(b).plus(c).text());
    assertEquals("a / (b * c)", a.dividedBy(b.times(c)).text());
    assertEquals("-(a + b) * 2.5", a.plus(b).negated().times(constant(2.5)).text());
    assertEquals("p_active * (1 - exp(-purchases_per_year * 30 / 365))",
        feature("p_active").times(constant(1).minus(new Formula.Exp(
            feature("purchases_per_year").negated().times(constant(30)).dividedBy(constant(365))))).text());
  }

  @Test
  void bracketsInTheTextChangeTheValueAsTheyRead() {
    Map<String, Double> row = Map.of("a", 10.0, "b", 4.0, "c", 1.0);
    assertEquals(5, evaluate(feature("a").minus(feature("b")).minus(feature("c")), row));
    assertEquals(7, evaluate(feature("a").minus(feature("b").minus(feature("c"))), row));
    assertEquals(Math.exp(-1), evaluate(new Formula.Exp(feature("c").negated()), row));
  }

  @Test
  void annuityIsTheDiscountedSumOfRetainedYearsWorkedByHand() {
    // No discount: 0.5 + 0.25 + 0.125.
    assertEquals(0.875, evaluate(new Formula.Annuity(feature("p"), 3, 0), Map.of("p", 0.5)));
    // Retention 0.5 at 25% discount: q = 0.4, so 0.4 + 0.16 + 0.064.
    assertEquals(0.624, evaluate(new Formula.Annuity(feature("p"), 3, 0.25), Map.of("p", 0.5)), 1e-15);
    assertEquals(0.4, evaluate(new Formula.Annuity(feature("p"), 1, 0.25), Map.of("p", 0.5)), 1e-15);
    assertEquals("sum over years t = 1..3 of (p / (1 + 0.25))^t", new Formula.Annuity(feature("p"), 3, 0.25).text());
  }

  @Test
  void annuityIsComputedInTheOrderOfTheLoopSoEnginesAgreeToTheLastBit() {
    double retention = 0.7318;
    double q = retention / 1.1;
    double sum = 0;
    double term = 1;
    for (int t = 1; t <= 5; t++) {
      term *= q;
      sum += term;
    }
    assertEquals(sum, evaluate(new Formula.Annuity(feature("p"), 5, 0.1), Map.of("p", retention)));
  }

  @Test
  void anAnnuityNeedsAYear() {
    assertThrows(WorkspaceException.class, () -> new Formula.Annuity(feature("p"), 0, 0.1));
  }

  @Test
  void featuresAreListedOnceInTheOrderFirstNamed() {
    Formula f = feature("amount").times(feature("rate")).times(new Formula.Annuity(feature("p"), 3, 0.1))
        .plus(feature("amount"));
    assertEquals(List.of("amount", "rate", "p"), List.copyOf(f.features()));
  }

  @Test
  void derivedScoresOfOneCustomerWorkedByHand() {
    // p_active 0.8, 4 purchases a year at $50, 10 before; horizon 30 days, 3 years at 10%.
    Predictor predictor = Predictor.defaults();
    Map<String, Double> row = Map.of("p_active", 0.8, "purchases_per_year", 4.0, "amount", 50.0,
        "previous_purchases", 10.0);
    Map<String, double[]> scores = predictor.derive(1, name -> i -> row.get(name));
    assertEquals(0.2, scores.get("churn_risk")[0], 1e-12);
    // 1 - e^(-4 * 30 / 365) = 1 - e^(-0.328767) = 1 - 0.719811 = 0.280189; times 0.8.
    assertEquals(0.224152, scores.get("purchase_probability")[0], 1e-6);
    assertEquals(500, scores.get("current_value")[0]);
    assertEquals(160, scores.get("expected_annual_value")[0], 1e-12);
    // q = 0.8 / 1.1 = 0.727273; q + q^2 + q^3 = 0.727273 + 0.528926 + 0.384673 = 1.640871; times 200.
    assertEquals(328.174, scores.get("clv")[0], 1e-3);
  }

  @Test
  void derivedScoresAreWrittenOnceAndTheirTextIsTheFormulaThatRuns() {
    Predictor predictor = Predictor.defaults();
    assertEquals(List.of("churn_risk", "purchase_probability", "current_value", "expected_annual_value", "clv"),
        List.copyOf(predictor.derivedScores().keySet()));
    assertEquals(predictor.derivedScores().get("clv").text(), predictor.formulas().get("clv"));
    Predictor fiveYears = new Predictor(predictor.activity(), 90, 5, 0.05, 10);
    assertEquals("amount * purchases_per_year * sum over years t = 1..5 of (p_active / (1 + 0.05))^t",
        fiveYears.formulas().get("clv"));
    assertEquals("p_active * (1 - exp(-purchases_per_year * 90 / 365))", fiveYears.formulas().get("purchase_probability"));
  }
}
