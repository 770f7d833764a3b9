package dev.customerlens.clv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.apache.commons.math3.special.Gamma;

/**
 * The Gamma-Gamma spend model (Fader, Hardie and Lee 2005, "RFM and CLV"; Colombo and Jiang
 * 1999): a customer's purchase amounts are gamma with shape p and a rate ν that is itself gamma
 * (q, γ) across customers, independent of how often they buy. Fitted by maximum likelihood on the
 * customers with at least one repeat purchase and a positive mean repeat spend.
 *
 * @param p shape of each purchase amount
 * @param q shape of the rate distribution; expected spend needs q > 1
 * @param gamma scale of the rate distribution, in money
 * @param customers the customers fitted
 */
public record GammaGamma(double p, double q, double gamma, double logLikelihood, int customers, int evaluations) implements java.io.Serializable {
  public GammaGamma {
    for (double v : new double[] {p, q, gamma}) {
      if (!(v > 0 && Double.isFinite(v))) throw new IllegalArgumentException("Gamma-Gamma parameters must be positive");
    }
  }

  public static GammaGamma of(double p, double q, double gamma) {
    return new GammaGamma(p, q, gamma, Double.NaN, 0, 0);
  }

  public static GammaGamma fit(Cohort cohort) {
    return fit(cohort.customers());
  }

  public static GammaGamma fit(List<PurchaseHistory> customers) {
    List<Group> each = new ArrayList<>(customers.size());
    for (PurchaseHistory c : customers) each.add(new Group(c.repeatPurchases(), c.meanRepeatSpend(), 1));
    return fitGroups(each);
  }

  /**
   * Customers who share one spend summary (x, z̄), and how many they are: the likelihood reads
   * nothing else, so a large cohort, summarised where it lives, is fitted from its distinct
   * summaries. Spend is continuous, so this saves most where amounts repeat (list prices, rounding).
   */
  public record Group(int repeatPurchases, double meanRepeatSpend, long customers) {
    public Group {
      if (repeatPurchases < 0) throw new IllegalArgumentException("purchase counts cannot be negative");
      if (customers < 1) throw new IllegalArgumentException("a group holds at least one customer, was " + customers);
    }
  }

  /**
   * The fit of {@link #fit(List)} from grouped summaries: the same likelihood over the groups with
   * repeat purchases and a positive mean spend, each term counted once per customer.
   */
  public static GammaGamma fitGroups(List<Group> groups) {
    List<Group> repeaters = new ArrayList<>();
    long n = 0;
    for (Group g : groups) {
      if (g.repeatPurchases() > 0 && g.meanRepeatSpend() > 0) {
        repeaters.add(g);
        n += g.customers();
      }
    }
    if (n < 2) throw new IllegalArgumentException("the spend model needs at least two repeat customers");
    int m = repeaters.size();
    int[] x = new int[m];
    double[] mean = new double[m];
    double[] logMean = new double[m];
    double[] logX = new double[m];
    double[] weight = new double[m];
    TreeSet<Integer> distinct = new TreeSet<>();
    double overall = 0;
    for (int i = 0; i < m; i++) {
      x[i] = repeaters.get(i).repeatPurchases();
      mean[i] = repeaters.get(i).meanRepeatSpend();
      logMean[i] = Math.log(mean[i]);
      logX[i] = Math.log(x[i]);
      weight[i] = repeaters.get(i).customers();
      distinct.add(x[i]);
      overall += weight[i] * mean[i] / n;
    }
    Likelihood likelihood = new Likelihood(x, mean, logMean, logX, weight,
        distinct.stream().mapToInt(Integer::intValue).toArray());
    MaximumLikelihood.Result result = MaximumLikelihood.maximise(v -> likelihood.sum(v[0], v[1], v[2]),
        new double[] {1, 1, 1}, new double[] {2, 3, overall}, new double[] {5, 2, overall / 2});
    double[] v = result.parameters();
    return new GammaGamma(v[0], v[1], v[2], result.logLikelihood(), Math.toIntExact(n), result.evaluations());
  }

  /**
   * The log-likelihood summed over the repeat customers, each term times its weight. What does not
   * depend on the parameters (ln z̄, ln x) is taken once, and the gamma functions once per distinct x.
   */
  private record Likelihood(int[] x, double[] mean, double[] logMean, double[] logX, double[] weight, int[] distinctX) {
    double sum(double p, double q, double gamma) {
      double common = -Gamma.logGamma(q) + q * Math.log(gamma);
      int top = distinctX[distinctX.length - 1];
      double[] logGammaPxq = new double[top + 1];
      double[] logGammaPx = new double[top + 1];
      for (int k : distinctX) {
        logGammaPxq[k] = Gamma.logGamma(p * k + q);
        logGammaPx[k] = Gamma.logGamma(p * k);
      }
      double sum = 0;
      for (int i = 0; i < x.length; i++) {
        int xi = x[i];
        double px = p * xi;
        sum += weight[i] * (common + logGammaPxq[xi] - logGammaPx[xi] + (px - 1) * logMean[i] + px * logX[i]
            - (px + q) * Math.log(gamma + xi * mean[i]));
      }
      return sum;
    }
  }

  /** Whether expected spend exists: the mean of the rate distribution's inverse needs q > 1. */
  public boolean spendDefined() {
    return q > 1;
  }

  /**
   * E[M | x, z̄] = (p(γ + x z̄)) / (px + q − 1): a weighted mean of the population mean pγ/(q − 1)
   * and the customer's own mean, weighted by how many repeat purchases back it. A customer without
   * repeats gets the population mean.
   */
  public double expectedSpend(int x, double meanSpend) {
    if (!spendDefined()) throw new IllegalStateException("q = " + q + " ≤ 1: the spend model has no finite mean");
    return p * (gamma + x * meanSpend) / (p * x + q - 1);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Gamma-Gamma p = %.4f, q = %.4f, gamma = %.4f, LL = %.2f (%d customers)",
        p, q, gamma, logLikelihood, customers);
  }
}
