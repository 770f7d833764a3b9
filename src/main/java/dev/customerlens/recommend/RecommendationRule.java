package dev.customerlens.recommend;

import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.rules.Condition;

/**
 * "When {@code when} holds for a scored customer, recommend {@code action}." Action, description
 * and reason may name columns of the scored table in braces ({@code {next_category}}), filled in
 * with the customer's own values, so every recommendation says which facts triggered it.
 */
public record RecommendationRule(RecommendationType type, Priority priority, String action, String description,
    Condition when, String reason) {
  public RecommendationRule {
    if (type == null || priority == null) throw new WorkspaceException("a recommendation rule needs a type and a priority");
    if (action == null || action.isBlank()) throw new WorkspaceException("a recommendation rule needs an action");
    if (when == null) throw new WorkspaceException("recommendation " + action + " needs a condition");
    if (description == null) description = "";
    if (reason == null || reason.isBlank()) reason = when.toString();
  }

  public static RecommendationRule of(RecommendationType type, Priority priority, String action, String description,
      String when, String reason) {
    return new RecommendationRule(type, priority, action, description, Condition.parse(when), reason);
  }
}
