package dev.customerlens.cli;

import dev.customerlens.analysis.CustomerAnalysis;
import dev.customerlens.export.NumberStyle;
import dev.customerlens.export.TextTable;
import java.util.Locale;

/** One customer's analysis as a short plain-text report for a terminal. */
final class CustomerText {
  private static final int WIDTH = TextTable.TERMINAL.width();
  private static final String INDENT = " ".repeat(15);

  private CustomerText() {}

  static String render(CustomerAnalysis a) {
    var p = a.predictiveAnalytics();
    var ltv = a.visualData().lifetimeValueEstimate();
    StringBuilder out = new StringBuilder();
    out.append("Customer ").append(a.userId()).append('\n');
    out.append("  persona      ").append(a.persona().label()).append(": ").append(a.persona().description()).append('\n');
    out.append("  matched      ").append(a.persona().matchedRule()).append('\n');
    out.append(TextTable.wrap("  traits       " + String.join(", ", a.persona().traits()), WIDTH, INDENT)).append('\n');
    out.append("  engagement   ").append(a.behaviorSummary().engagementLevel())
        .append(", price range ").append(a.behaviorSummary().preferredPriceRange()).append('\n');
    out.append(String.format(Locale.ROOT, "%nPredictions (%s)%n", p.basis()));
    out.append(String.format(Locale.ROOT, "  next likely action     %s%n", p.nextLikelyAction()));
    out.append(String.format(Locale.ROOT, "  purchase in %d days    %s%n", p.horizonDays(), NumberStyle.percent(p.purchaseProbabilityPercent())));
    out.append(String.format(Locale.ROOT, "  churn risk             %s%n", NumberStyle.percent(p.churnRiskPercent())));
    out.append(String.format(Locale.ROOT, "  revenue potential      %s%n", p.revenuePotential()));
    out.append(String.format(Locale.ROOT, "  next category          %s (%s)%n", p.categoryShift().nextCategory(),
        NumberStyle.percent(p.categoryShift().probabilityPercent())));
    out.append(String.format(Locale.ROOT, "  current value          %s%n", NumberStyle.money(ltv.currentValue())));
    out.append(String.format(Locale.ROOT, "  lifetime value (%d yr)  %s%n", ltv.horizonYears(), NumberStyle.money(ltv.estimatedClv())));
    out.append("  factors:\n");
    p.factors().forEach(f -> out.append("    ").append(f.explanation()).append('\n'));
    out.append("\nRecommendations\n");
    a.businessRecommendations().forEach(r -> out.append(TextTable.wrap(String.format(Locale.ROOT,
        "  [%-6s] %-10s %s: %s (because %s)", r.priority(), r.type(), r.action(), r.description(), r.reason()),
        WIDTH, INDENT)).append('\n'));
    if (a.businessRecommendations().isEmpty()) out.append("  none of the recommendation rules apply\n");
    return out.append('\n').append(TextTable.wrap("Note: " + p.basisNote(), WIDTH, "      ")).toString();
  }
}
