package dev.customerlens.cli;

import dev.customerlens.export.TextTable;
import dev.customerlens.timeline.Drift;
import java.util.Locale;

/** A drift report for a terminal, shared by {@code drift} and the warning of {@code evaluate}. */
final class DriftText {
  private DriftText() {}

  static String render(Drift drift) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%s: %,d customers active %s to %s against %,d active %s to %s%n%n",
        drift.source(), drift.later().customers(), drift.later().first(), drift.later().last(),
        drift.earlier().customers(), drift.earlier().first(), drift.earlier().last()));
    out.append(TextTable.TERMINAL.render(drift.table())).append("\n\n");
    out.append(TextTable.wrap(Drift.FORMULA + ". Each period's features come from its own events; RFM quintiles and "
        + "spend_percentile are ranks, uniform in any period, so their inputs are compared instead.", 100, ""))
        .append('\n');
    out.append(TextTable.wrap("Forecast AUC: " + auc(drift.aucEarlier()) + " in the earlier period, "
        + auc(drift.aucLater()) + " in the later (" + drift.aucBasis() + ").", 100, ""));
    return out.toString();
  }

  private static String auc(Double auc) {
    return auc == null ? "unavailable (no fit before the period, or one class absent)"
        : String.format(Locale.ROOT, "%.3f", auc);
  }
}
