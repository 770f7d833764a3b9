package dev.customerlens.predict;

import dev.customerlens.errors.WorkspaceException;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A logistic score declared as data: {@code p = 1 / (1 + exp(-(intercept + Σ weight × scaled feature)))}.
 * The contribution of each term to the log-odds is what a reader sees as "the factors".
 */
public record LinearScore(String name, double intercept, List<Term> terms) {
  public LinearScore {
    terms = List.copyOf(terms);
    if (terms.isEmpty()) throw new WorkspaceException("score " + name + " needs at least one term");
  }

  /**
   * The score as a reader sees it, written from the terms: "1 / (1 + exp(-(0.9 + 0.6 z(x) + 0.8 flag
   * + 0.7 z(ln(1 + y))))), z = standardised over the base, missing = average".
   */
  public String formula() {
    StringBuilder text = new StringBuilder("1 / (1 + exp(-(").append(plain(intercept));
    for (Term term : terms) {
      text.append(term.weight() < 0 ? " - " : " + ").append(plain(Math.abs(term.weight()))).append(' ');
      text.append(switch (term.scale()) {
        case FLAG -> term.feature();
        case STANDARDISED -> "z(" + term.feature() + ")";
        case LOG_STANDARDISED -> "z(ln(1 + " + term.feature() + "))";
      });
    }
    return text.append("))), z = standardised over the base, missing = average").toString();
  }

  /** A weight or rate as written: 0.9, 0.1, 12 (no trailing zeros, no exponent). */
  static String plain(double x) {
    return java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
  }

  /** Means and standard deviations over a customer base, so the score means the same on Spark. */
  public record Scaling(double[] mean, double[] sd) {}

  public Scaling scaling(Table features) {
    double[] mean = new double[terms.size()];
    double[] sd = new double[terms.size()];
    for (int t = 0; t < terms.size(); t++) {
      Term term = terms.get(t);
      if (term.scale() == Term.Scale.FLAG) {
        sd[t] = 1;
        continue;
      }
      double sum = 0;
      double squares = 0;
      int n = 0;
      NumericColumn<?> column = numeric(features, term);
      for (int i = 0; i < column.size(); i++) {
        double x = transform(term, column.getDouble(i));
        if (Double.isNaN(x)) continue;
        sum += x;
        squares += x * x;
        n++;
      }
      mean[t] = n == 0 ? 0 : sum / n;
      double variance = n < 2 ? 0 : (squares - n * mean[t] * mean[t]) / (n - 1);
      // A feature that does not vary cannot rank customers: give it no influence instead of dividing by zero.
      sd[t] = variance > 1e-12 ? Math.sqrt(variance) : Double.POSITIVE_INFINITY;
    }
    return new Scaling(mean, sd);
  }

  /** contributions[t][row]: each term's share of the log-odds, for every row. */
  public double[][] contributions(Table features, Scaling scaling) {
    double[][] out = new double[terms.size()][features.rowCount()];
    for (int t = 0; t < terms.size(); t++) {
      Term term = terms.get(t);
      if (term.scale() == Term.Scale.FLAG) {
        BooleanColumn flags = flags(features, term);
        for (int i = 0; i < out[t].length; i++) out[t][i] = flags.get(i) == Boolean.TRUE ? term.weight() : 0;
        continue;
      }
      NumericColumn<?> column = numeric(features, term);
      for (int i = 0; i < out[t].length; i++) {
        double x = transform(term, column.getDouble(i));
        out[t][i] = Double.isNaN(x) ? 0 : term.weight() * (x - scaling.mean()[t]) / scaling.sd()[t];
      }
    }
    return out;
  }

  public double[] probabilities(double[][] contributions) {
    int rows = contributions.length == 0 ? 0 : contributions[0].length;
    double[] p = new double[rows];
    for (int i = 0; i < rows; i++) {
      double logit = intercept;
      for (double[] term : contributions) logit += term[i];
      p[i] = 1 / (1 + Math.exp(-logit));
    }
    return p;
  }

  /** The same score as an SQL expression, with this base's scaling written in as constants. */
  public String toSql(Scaling scaling) {
    StringBuilder sql = new StringBuilder("1 / (1 + EXP(-(").append(number(intercept));
    for (int t = 0; t < terms.size(); t++) {
      Term term = terms.get(t);
      sql.append(" + ").append(number(term.weight())).append(" * ");
      switch (term.scale()) {
        case FLAG -> sql.append("CASE WHEN ").append(term.feature()).append(" THEN 1 ELSE 0 END");
        case STANDARDISED, LOG_STANDARDISED -> {
          String x = term.scale() == Term.Scale.STANDARDISED ? term.feature() : "LN(1 + " + term.feature() + ")";
          sql.append("COALESCE((").append(x).append(" - ").append(number(scaling.mean()[t])).append(") / ")
              .append(Double.isInfinite(scaling.sd()[t]) ? "NULL" : number(scaling.sd()[t])).append(", 0)");
        }
      }
    }
    return sql.append(")))").toString();
  }

  private static double transform(Term term, double x) {
    return term.scale() == Term.Scale.LOG_STANDARDISED ? Math.log1p(x) : x;
  }

  private static NumericColumn<?> numeric(Table features, Term term) {
    Column<?> column = column(features, term);
    if (column instanceof NumericColumn<?> numbers) return numbers;
    throw new WorkspaceException("score term " + term.feature() + " needs a numeric column");
  }

  private static BooleanColumn flags(Table features, Term term) {
    Column<?> column = column(features, term);
    if (column instanceof BooleanColumn flags) return flags;
    throw new WorkspaceException("score term " + term.feature() + " is a FLAG and needs a yes/no column");
  }

  private static Column<?> column(Table features, Term term) {
    if (!features.containsColumn(term.feature())) {
      throw new WorkspaceException("score term refers to unknown feature \"" + term.feature() + "\"; known: "
          + String.join(", ", features.columnNames()));
    }
    return features.column(term.feature());
  }

  private static String number(double d) {
    return String.format(Locale.ROOT, "%.10g", d);
  }
}
