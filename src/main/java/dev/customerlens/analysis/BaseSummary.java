package dev.customerlens.analysis;

import dev.customerlens.export.Json;
import dev.customerlens.export.NumberStyle;
import dev.customerlens.export.TextTable;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The whole base at a glance: who the customers are, what they will probably do, what it is worth.
 *
 * @param predictionsBasis where the scores come from: the customer table's modelled profile score, or the
 *     repeat-purchase model fitted to a log (evaluated on its holdout where the log is long enough)
 */
public record BaseSummary(
    String source,
    int customers,
    int skippedRows,
    List<PersonaShare> personas,
    Map<String, Integer> nextLikelyAction,
    Map<String, Integer> revenuePotential,
    double meanChurnRiskPct,
    double meanPurchaseProbabilityPct,
    double totalCurrentValue,
    double totalEstimatedClv,
    List<PlanLine> topActions,
    String basisNote,
    String predictionsBasis) {

  public record PersonaShare(String persona, int customers, double sharePct, double avgAmount,
      double avgPurchasesPerYear) {}

  public record PlanLine(String segment, String type, String action, String topPriority, int customers,
      double valueCovered) {}

  public String toJson() {
    return Json.write(this);
  }

  /** A plain-text report for a terminal, numbers in the workspace's one style ({@link NumberStyle}). */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%s: %s customers%s%n", source, NumberStyle.count(customers),
        skippedRows == 0 ? "" : " (" + NumberStyle.count(skippedRows) + " rows skipped)"));
    out.append(String.format(Locale.ROOT, "%nPersonas%n"));
    for (PersonaShare p : personas) {
      out.append(String.format(Locale.ROOT, "  %-20s %6s  %6s   avg order %9s   %s purchases/yr%n",
          p.persona(), NumberStyle.count(p.customers()), NumberStyle.percent(p.sharePct()),
          NumberStyle.money(p.avgAmount()), NumberStyle.measure(p.avgPurchasesPerYear())));
    }
    out.append(String.format(Locale.ROOT, "%nPredictions (%s; see the note)%n", predictionsBasis));
    out.append(String.format(Locale.ROOT, "  next likely action   %s%n", nextLikelyAction));
    out.append(String.format(Locale.ROOT, "  revenue potential    %s%n", revenuePotential));
    out.append(String.format(Locale.ROOT, "  mean churn risk      %s%n", NumberStyle.percent(meanChurnRiskPct)));
    out.append(String.format(Locale.ROOT, "  mean P(purchase 30d) %s%n", NumberStyle.percent(meanPurchaseProbabilityPct)));
    out.append(String.format(Locale.ROOT, "  current value        %s%n", NumberStyle.money(totalCurrentValue)));
    out.append(String.format(Locale.ROOT, "  estimated CLV (3 yr) %s%n", NumberStyle.money(totalEstimatedClv)));
    out.append(String.format(Locale.ROOT, "%nTop actions%n"));
    String columns = "  %-8s  %-10s  %-32s  %-18s  %9s  %11s%n";
    out.append(String.format(Locale.ROOT, columns, "priority", "type", "action", "segment", "customers", "CLV covered"));
    for (PlanLine line : topActions) {
      out.append(String.format(Locale.ROOT, columns, line.topPriority(), line.type(), line.action(), line.segment(),
          NumberStyle.count(line.customers()), NumberStyle.money(line.valueCovered())));
    }
    return out.append('\n').append(TextTable.wrap("Note: " + basisNote, TextTable.TERMINAL.width(), "      ")).append('\n')
        .toString();
  }
}
