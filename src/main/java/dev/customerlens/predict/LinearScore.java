package dev.customerlens.predict;

import dev.customerlens.errors.WorkspaceException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
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
  public record Scaling(double[] mean, double[] sd) {
    /**
     * The scaling from each term's moments over the base (sum, sum of squares and count of its
     * known inputs, {@link Term#input}), however an engine gathered them; a yes/no term is not scaled.
     */
    public static Scaling of(List<Term> terms, double[] sum, double[] squares, long[] count) {
      double[] mean = new double[terms.size()];
      double[] sd = new double[terms.size()];
      for (int t = 0; t < terms.size(); t++) {
        if (terms.get(t).scale() == Term.Scale.FLAG) {
          sd[t] = 1;
          continue;
        }
        long n = count[t];
        mean[t] = n == 0 ? 0 : sum[t] / n;
        double variance = n < 2 ? 0 : (squares[t] - n * mean[t] * mean[t]) / (n - 1);
        // A feature that does not vary cannot rank customers: give it no influence instead of dividing by zero.
        sd[t] = variance > 1e-12 ? Math.sqrt(variance) : Double.POSITIVE_INFINITY;
      }
      return new Scaling(mean, sd);
    }
  }

  public Scaling scaling(Table features) {
    double[] sum = new double[terms.size()];
    double[] squares = new double[terms.size()];
    long[] count = new long[terms.size()];
    for (int t = 0; t < terms.size(); t++) {
      Term term = terms.get(t);
      if (term.scale() == Term.Scale.FLAG) continue;
      NumericColumn<?> column = numeric(features, term);
      for (int i = 0; i < column.size(); i++) {
        double x = term.input(column.getDouble(i));
        if (Double.isNaN(x)) continue;
        sum[t] += x;
        squares[t] += x * x;
        count[t]++;
      }
    }
    return Scaling.of(terms, sum, squares, count);
  }

  /**
   * Term {@code t}'s share of the log-odds with this base's scaling written in: weight × flag for a
   * yes/no term, weight × (x − mean) / sd for a standardised one (x = ln(1 + feature) for
   * LOG_STANDARDISED); a customer whose feature is missing gets 0, the average.
   */
  public Formula term(int t, Scaling scaling) {
    Term term = terms.get(t);
    Formula x = Formula.feature(term.feature());
    Formula weight = Formula.constant(term.weight());
    Formula share = switch (term.scale()) {
      case FLAG -> weight.times(x);
      case STANDARDISED -> weight.times(x.minus(Formula.constant(scaling.mean()[t]))).dividedBy(Formula.constant(scaling.sd()[t]));
      case LOG_STANDARDISED -> weight.times(new Formula.Log1p(x).minus(Formula.constant(scaling.mean()[t])))
          .dividedBy(Formula.constant(scaling.sd()[t]));
    };
    return new Formula.OrZero(share);
  }

  /** 1 / (1 + exp(-(intercept + Σ shares))), the shares added in term order. */
  public Formula logistic(List<Formula> shares) {
    Formula logit = Formula.constant(intercept);
    for (Formula share : shares) logit = logit.plus(share);
    Formula one = Formula.constant(1);
    return one.dividedBy(one.plus(new Formula.Exp(logit.negated())));
  }

  /** The whole score as one formula over the features, with this base's scaling written in. */
  public Formula probability(Scaling scaling) {
    List<Formula> shares = new ArrayList<>();
    for (int t = 0; t < terms.size(); t++) shares.add(term(t, scaling));
    return logistic(shares);
  }

  /** contributions[t][row]: each term's share of the log-odds, for every row. */
  public double[][] contributions(Table features, Scaling scaling) {
    double[][] out = new double[terms.size()][features.rowCount()];
    for (int t = 0; t < terms.size(); t++) {
      Term term = terms.get(t);
      if (term.scale() == Term.Scale.FLAG) flags(features, term);
      else numeric(features, term);
      IntToDoubleFunction share = term(t, scaling).compile(new JavaArithmetic(name -> JavaArithmetic.column(features, name)));
      for (int i = 0; i < out[t].length; i++) out[t][i] = share.applyAsDouble(i);
    }
    return out;
  }

  /** The score of every row from its terms' contributions, by {@link #logistic}. */
  public double[] probabilities(double[][] contributions) {
    int rows = contributions.length == 0 ? 0 : contributions[0].length;
    List<Formula> shares = new ArrayList<>();
    for (int t = 0; t < contributions.length; t++) shares.add(Formula.feature(Integer.toString(t)));
    IntToDoubleFunction p = logistic(shares).compile(new JavaArithmetic(name -> {
      double[] share = contributions[Integer.parseInt(name)];
      return i -> share[i];
    }));
    double[] out = new double[rows];
    for (int i = 0; i < rows; i++) out[i] = p.applyAsDouble(i);
    return out;
  }

  /** The same score as an SQL expression, with this base's scaling written in. */
  public String toSql(Scaling scaling) {
    return probability(scaling).compile(new SqlExpression());
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
}
