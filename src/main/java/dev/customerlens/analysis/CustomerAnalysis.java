package dev.customerlens.analysis;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.customerlens.clv.ScoreCheck;
import dev.customerlens.export.Json;
import dev.customerlens.predict.Factor;
import dev.customerlens.recommend.Recommendation;
import java.util.List;
import java.util.Map;

/**
 * Everything known about one customer, in the JSON shape of the original system
 * ({@code user_id, persona, behavior_summary, predictive_analytics, visual_data,
 * business_recommendations}) plus our additions: reasons, factors, and what each number is based on.
 * This document alone names the customer {@code user_id} (and its percentages {@code _percent}), as
 * that shape does; every table, list and export says {@code customer_id} (and {@code _pct}).
 */
@JsonPropertyOrder({"userId", "persona", "behaviorSummary", "predictiveAnalytics", "visualData",
    "businessRecommendations", "dataBasis"})
public record CustomerAnalysis(
    String userId,
    PersonaView persona,
    BehaviorSummary behaviorSummary,
    PredictiveAnalytics predictiveAnalytics,
    VisualData visualData,
    List<RecommendationView> businessRecommendations,
    DataBasis dataBasis) {

  /** The persona and why: {@code traits} are this customer's own, {@code personaTraits} the persona's. */
  public record PersonaView(String label, String description, List<String> traits, List<String> personaTraits,
      String matchedRule) {}

  /**
   * @param activityTrend "unavailable" on a table without timestamps; {@code activityTrendReason} says why
   * @param engagementLevel High/Medium/Low by {@code engagementRule}
   */
  public record BehaviorSummary(List<String> topCategories, String preferredPriceRange, String activityTrend,
      String activityTrendReason, String engagementLevel, String engagementRule) {}

  public record CategoryShiftView(String nextCategory, double probabilityPercent, String basis) {}

  /**
   * The profile scores (modelled from the customer table), and, when an event log is loaded, the
   * repeat-purchase model fitted to it and how both did on the log's holdout ({@code evaluation}).
   */
  public record PredictiveAnalytics(String nextLikelyAction, double purchaseProbabilityPercent,
      double churnRiskPercent, String revenuePotential, CategoryShiftView categoryShift, int horizonDays,
      String basis, String basisNote, List<FactorView> factors, Map<String, String> formulas,
      RepeatPurchaseView repeatPurchase, List<ScoreCheck> evaluation) {}

  /**
   * The BG/NBD and Gamma-Gamma forecast from the customer's own purchase log; {@code status}
   * "unavailable" with the reason when there is no log or no purchase of theirs in it.
   *
   * @param basis "evaluated" when the same method was checked on a holdout of this log (see
   *     {@code evaluation}), else "modelled"
   */
  public record RepeatPurchaseView(String status, String reason, String basis, String asOf, Double probabilityAlivePercent,
      Double expectedPurchases, Integer horizonDays, Double churnRiskPercent, Double clv, String churnDefinition) {}

  /** @param effectLogOdds the input's share of a linear score's log-odds; null for a model that has no such share */
  public record FactorView(String name, String value, Double effectLogOdds, String explanation) {
    static FactorView of(Factor f) {
      return new FactorView(f.name(), f.value(), Math.round(f.effect() * 1000) / 1000.0, f.explain());
    }

    /** An input of a model (such as the BG/NBD) whose effect is not a share of a sum. */
    static FactorView input(String name, String value, String explanation) {
      return new FactorView(name, value, null, explanation);
    }
  }

  /** A chart's data, or why there is none: {@code status} is "available" or "unavailable". */
  public record Visual(String status, String reason, String basis, Object data) {
    static Visual available(String basis, Object data) {
      return new Visual("available", null, basis, data);
    }

    static Visual unavailable(String reason) {
      return new Visual("unavailable", reason, null, null);
    }
  }

  public record VisualData(Visual categoryDistribution, Visual hourlyActivityHeatmap, Visual interestTrend,
      Visual conversionFunnel, LifetimeValue lifetimeValueEstimate) {}

  public record LifetimeValue(double currentValue, double estimatedClv, int horizonYears, double discountRatePercent,
      double expectedAnnualValue, String basis, String formula) {}

  public record RecommendationView(String type, String priority, String action, String description, String reason) {
    static RecommendationView of(Recommendation r) {
      return new RecommendationView(r.type().label(), r.priority().label(), r.action(), r.description(), r.reason());
    }
  }

  public record DataBasis(String source, boolean hasTimestamps, boolean hasOutcomes, String note) {}

  public String toJson() {
    return Json.write(this);
  }

  @Override
  public String toString() {
    return toJson();
  }
}
