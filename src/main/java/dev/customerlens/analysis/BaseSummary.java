package dev.customerlens.analysis;

import dev.customerlens.export.Json;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The whole base at a glance: who the customers are, what they will probably do, what it is worth. */
public record BaseSummary(
    String source,
    int customers,
    int skippedRows,
    List<PersonaShare> personas,
    Map<String, Integer> nextLikelyAction,
    Map<String, Integer> revenuePotential,
    double meanChurnRiskPercent,
    double meanPurchaseProbabilityPercent,
    double totalCurrentValue,
    double totalEstimatedClv,
    List<PlanLine> topActions,
    String basisNote) {

  public record PersonaShare(String persona, int customers, double sharePercent, double avgAmount,
      double avgPurchasesPerYear) {}

  public record PlanLine(String segment, String type, String action, String topPriority, int customers,
      double valueCovered) {}

  public String toJson() {
    return Json.write(this);
  }

  /** A plain-text report for a terminal. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%s: %,d customers%s%n", source, customers,
        skippedRows == 0 ? "" : String.format(Locale.ROOT, " (%,d rows skipped)", skippedRows)));
    out.append(String.format(Locale.ROOT, "%nPersonas%n"));
    for (PersonaShare p : personas) {
      out.append(String.format(Locale.ROOT, "  %-20s %6d  %5.1f%%   avg order $%6.2f   %4.1f purchases/yr%n",
          p.persona(), p.customers(), p.sharePercent(), p.avgAmount(), p.avgPurchasesPerYear()));
    }
    out.append(String.format(Locale.ROOT, "%nPredictions (%s)%n", "modelled, not evaluated"));
    out.append(String.format(Locale.ROOT, "  next likely action   %s%n", nextLikelyAction));
    out.append(String.format(Locale.ROOT, "  revenue potential    %s%n", revenuePotential));
    out.append(String.format(Locale.ROOT, "  mean churn risk      %.1f%%%n", meanChurnRiskPercent));
    out.append(String.format(Locale.ROOT, "  mean P(purchase 30d) %.1f%%%n", meanPurchaseProbabilityPercent));
    out.append(String.format(Locale.ROOT, "  current value        $%,.0f%n", totalCurrentValue));
    out.append(String.format(Locale.ROOT, "  estimated CLV (3 yr) $%,.0f%n", totalEstimatedClv));
    out.append(String.format(Locale.ROOT, "%nTop actions%n"));
    for (PlanLine line : topActions) {
      out.append(String.format(Locale.ROOT, "  [%-6s] %-10s %-34s %-20s %5d customers  $%,.0f CLV%n",
          line.topPriority(), line.type(), line.action(), line.segment(), line.customers(), line.valueCovered()));
    }
    return out.append(String.format(Locale.ROOT, "%nNote: %s%n", basisNote)).toString();
  }
}
