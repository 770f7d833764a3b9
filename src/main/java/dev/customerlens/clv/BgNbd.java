package dev.customerlens.clv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.math3.special.Gamma;

/**
 * The BG/NBD repeat-purchase model of Fader, Hardie and Lee (2005, "Counting Your Customers the
 * Easy Way"). While active, a customer buys at a Poisson rate λ, gamma-distributed across
 * customers (shape r, rate α); after each purchase they drop out for good with probability p,
 * beta-distributed (a, b). Fitted by maximum likelihood on (x, t_x, T) summaries.
 *
 * <p>When the likelihood peaks at the edge of the parameter space, the data show no sign of
 * dropping out (a → 0 or b → ∞, so p → 0) and the model reduces to the NBD: {@code boundary} then
 * says so, {@link #probabilityAlive} is 1 for everyone and must not be read as a churn signal, and
 * forecasts use the NBD formulas, which are the limit of the BG/NBD ones.
 *
 * @param r shape of the purchase-rate distribution
 * @param alpha rate (scale) of the purchase-rate distribution, in the cohort's periods
 * @param a first shape of the dropout-probability distribution
 * @param b second shape of the dropout-probability distribution
 * @param logLikelihood at the estimates, summed over customers
 * @param customers the customers fitted
 * @param evaluations likelihood evaluations the fit used
 * @param boundary null for an interior fit, else what sits on the boundary and what that means
 */
public record BgNbd(double r, double alpha, double a, double b, double logLikelihood, int customers, int evaluations,
    String boundary) implements java.io.Serializable {

  /** Below this mean dropout probability a/(a+b), dropout is indistinguishable from none. */
  private static final double NO_DROPOUT = 1e-4;

  public BgNbd {
    for (double v : new double[] {r, alpha, a, b}) {
      if (!(v > 0 && Double.isFinite(v))) throw new IllegalArgumentException("BG/NBD parameters must be positive, were "
          + r + ", " + alpha + ", " + a + ", " + b);
    }
  }

  /** Parameters as published, for forecasting without fitting. */
  public static BgNbd of(double r, double alpha, double a, double b) {
    return new BgNbd(r, alpha, a, b, Double.NaN, 0, 0, null);
  }

  public static BgNbd fit(Cohort cohort) {
    return fit(cohort.customers());
  }

  public static BgNbd fit(List<PurchaseHistory> customers) {
    if (customers.isEmpty()) throw new IllegalArgumentException("no customers to fit");
    List<Group> each = new ArrayList<>(customers.size());
    for (PurchaseHistory c : customers) each.add(new Group(c.repeatPurchases(), c.recency(), c.age(), 1));
    return fitGroups(each);
  }

  /**
   * Customers who share one calibration summary (x, t_x, T), and how many they are. The likelihood
   * reads nothing else, so a cohort too large to hold one row per customer, summarised where it
   * lives, is fitted from its distinct summaries, each term of the sum weighted by its count.
   */
  public record Group(int repeatPurchases, double recency, double age, long customers) {
    public Group {
      if (repeatPurchases < 0) throw new IllegalArgumentException("purchase counts cannot be negative");
      if (!(recency >= 0 && recency <= age)) {
        throw new IllegalArgumentException("recency " + recency + " must lie from 0 to the age " + age);
      }
      if (repeatPurchases == 0 && recency != 0) throw new IllegalArgumentException("without repeats recency is 0");
      if (customers < 1) throw new IllegalArgumentException("a group holds at least one customer, was " + customers);
    }
  }

  /**
   * The fit of {@link #fit(List)} from grouped summaries: the same likelihood, with each distinct
   * summary's term counted once per customer. One customer per group is exactly {@link #fit(List)}.
   */
  public static BgNbd fitGroups(List<Group> groups) {
    if (groups.isEmpty()) throw new IllegalArgumentException("no customers to fit");
    int m = groups.size();
    int[] x = new int[m];
    double[] tx = new double[m];
    double[] age = new double[m];
    double[] weight = new double[m];
    long n = 0;
    for (Group g : groups) n += g.customers();
    double meanAge = 0;
    for (int i = 0; i < m; i++) {
      Group g = groups.get(i);
      x[i] = g.repeatPurchases();
      tx[i] = g.recency();
      age[i] = g.age();
      weight[i] = g.customers();
      meanAge += weight[i] * g.age() / n;
    }
    double scale = Math.max(meanAge, 1e-3);
    MaximumLikelihood.Result result = MaximumLikelihood.maximise(
        p -> sumLogLikelihood(p[0], p[1], p[2], p[3], x, tx, age, weight),
        new double[] {1, 1, 1, 1}, new double[] {0.5, scale, 1, 3}, new double[] {2, scale / 4, 0.5, 5});
    double[] p = result.parameters();
    return new BgNbd(p[0], p[1], p[2], p[3], result.logLikelihood(), Math.toIntExact(n), result.evaluations(),
        boundary(p, result.atBound()));
  }

  private static String boundary(double[] p, boolean[] atBound) {
    if (noDropout(p[2], p[3])) {
      return String.format(Locale.ROOT, "the likelihood is highest at the edge of the parameter space "
          + "(a = %.3g, b = %.3g, mean dropout probability %.2g per purchase): the data show no sign of customers "
          + "dropping out, so the BG/NBD reduces to the NBD and P(alive) is 1 for everyone; it is not a churn signal",
          p[2], p[3], p[2] / (p[2] + p[3]));
    }
    if (atBound[0] || atBound[1]) {
      return String.format(Locale.ROOT, "the purchase-rate distribution is at the edge of the parameter "
          + "space (r = %.3g, alpha = %.3g): purchase rates barely vary between customers, or the time unit does not "
          + "suit the data", p[0], p[1]);
    }
    return null;
  }

  /** a → 0 or b → ∞ (the edge of the search box), or a mean dropout probability too small to matter. */
  private static boolean noDropout(double a, double b) {
    return a / (a + b) < NO_DROPOUT || MaximumLikelihood.atBound(a) || MaximumLikelihood.atBound(b);
  }

  /** Whether the fit found dropout, so that {@link #probabilityAlive} means something. */
  public boolean dropoutIdentified() {
    return !noDropout(a, b);
  }

  /**
   * FHL (2005) equation 6 in logarithms, summed over customers: ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
   * + ln[(α+T)^−(r+x) + [x > 0] a/(b+x−1) (α+t_x)^−(r+x)], each term times its weight (the customers sharing it).
   * The gamma functions of each distinct x are computed once per evaluation.
   */
  private static double sumLogLikelihood(double r, double alpha, double a, double b, int[] x, double[] tx, double[] age,
      double[] weight) {
    int maxX = 0;
    for (int xi : x) maxX = Math.max(maxX, xi);
    double[] byX = new double[maxX + 1];
    double common = -Gamma.logGamma(r) + r * Math.log(alpha) + Gamma.logGamma(a + b) - Gamma.logGamma(b);
    for (int k = 0; k <= maxX; k++) {
      byX[k] = Gamma.logGamma(r + k) + Gamma.logGamma(b + k) - Gamma.logGamma(a + b + k);
    }
    double sum = 0;
    double logA = Math.log(a);
    for (int i = 0; i < x.length; i++) {
      int xi = x[i];
      double a3 = -(r + xi) * Math.log(alpha + age[i]);
      double tail = xi == 0 ? a3 : logSumExp(a3, logA - Math.log(b + xi - 1) - (r + xi) * Math.log(alpha + tx[i]));
      sum += weight[i] * (common + byX[xi] + tail);
    }
    return sum;
  }

  private static double logSumExp(double u, double v) {
    double max = Math.max(u, v);
    return max + Math.log(Math.exp(u - max) + Math.exp(v - max));
  }

  /** P(alive | x, t_x, T): the probability the customer has not dropped out by T. */
  public double probabilityAlive(int x, double tx, double age) {
    if (x == 0 || !dropoutIdentified()) return 1;
    double logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + age) - Math.log(alpha + tx));
    return 1 / (1 + Math.exp(logOdds));
  }

  /**
   * E[X(t)]: expected purchases of a new customer in their first {@code t} periods (FHL equation 9),
   * not counting the first purchase.
   */
  public double expectedPurchases(double t) {
    if (!dropoutIdentified()) return r * t / alpha;
    double f = Hypergeometric.f21(r, b, a + b - 1, t / (alpha + t));
    double closed = (a + b - 1) / (a - 1) * (1 - Math.pow(alpha / (alpha + t), r) * f);
    return Double.isFinite(closed) && closed >= 0 ? closed : expectedPurchases(t, 0, 0, 0);
  }

  /**
   * E[Y(t) | x, t_x, T]: expected purchases in the {@code t} periods after T (FHL equation 10). When
   * the closed form cannot be evaluated (a + b + x ≤ 1, or the ₂F₁ series fails to settle), the
   * same expectation is integrated numerically over the posterior of p.
   */
  public double expectedPurchases(double t, int x, double tx, double age) {
    if (t <= 0) return 0;
    if (!dropoutIdentified()) return (r + x) * t / (alpha + age);
    double c = a + b + x - 1;
    double z = t / (alpha + age + t);
    double f = Hypergeometric.f21(r + x, b + x, c, z);
    double closed = c / (a - 1) * (1 - Math.pow((alpha + age) / (alpha + age + t), r + x) * f)
        * probabilityAlive(x, tx, age);
    if (Double.isFinite(closed) && closed >= 0) return closed;
    return integratedExpectation(t, x, tx, age);
  }

  /**
   * P(alive) × E over p ~ Beta(a, b + x) and λ ~ Gamma(r + x, α + T) of (1 − e^(−λpt)) / p, the
   * expected purchases of an active customer before dropping out. The beta density is singular at 0
   * when a < 1 and at 1 when b + x < 1, so the integral is split at p = 1/2: below, p = v^(1/a)
   * absorbs p^(a−1); above, 1 − p = w^(1/(b+x)) absorbs (1 − p)^(b+x−1). Both pieces are smooth.
   * With a small a, v^(1/a) is subnormal over much of the lower piece, where (1 − e^(−λpt)) / p
   * would be rounding noise that no adaptive rule settles (a fit with a = 0.003 on 90,000 customers
   * stopped the report); there it is its limit λt, which it equals to 12 digits once pt/(α+T) < 1e-12.
   */
  double integratedExpectation(double t, int x, double tx, double age) {
    double shape = r + x;
    double rate = alpha + age;
    double bx = b + x;
    double logBeta = Gamma.logGamma(a) + Gamma.logGamma(bx) - Gamma.logGamma(a + bx);
    java.util.function.DoubleUnaryOperator perP = p -> p * t / rate < 1e-12 ? shape * t / rate
        : -Math.expm1(-shape * Math.log1p(p * t / rate)) / p;
    var integrator = new IterativeLegendreGaussIntegrator(32, 1e-10, 1e-14);
    double low = integrator.integrate(1_000_000, v -> {
      double p = Math.pow(v, 1 / a);
      return perP.applyAsDouble(p) * Math.exp((bx - 1) * Math.log1p(-p) - logBeta) / a;
    }, 0, Math.pow(0.5, a));
    double high = integrator.integrate(1_000_000, w -> {
      double p = 1 - Math.pow(w, 1 / bx);
      return perP.applyAsDouble(p) * Math.exp((a - 1) * Math.log(p) - logBeta) / bx;
    }, 0, Math.pow(0.5, bx));
    double integral = low + high;
    return integral * probabilityAlive(x, tx, age);
  }

  /**
   * P(no purchase in the next {@code t} periods | x, t_x, T) = 1 − P(alive) × (1 − ((α+T)/(α+T+t))^(r+x)):
   * a customer who has dropped out buys nothing, and an active one draws λ from its posterior
   * Gamma(r + x, α + T); dropout only follows a purchase, so none occurs before the first one.
   */
  public double probabilityOfNoPurchase(double t, int x, double tx, double age) {
    double buysIfAlive = -Math.expm1((r + x) * (Math.log(alpha + age) - Math.log(alpha + age + t)));
    return 1 - probabilityAlive(x, tx, age) * buysIfAlive;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "BG/NBD r = %.4f, alpha = %.4f, a = %.4f, b = %.4f, LL = %.2f (%d customers)%s",
        r, alpha, a, b, logLikelihood, customers, boundary == null ? "" : "; " + boundary);
  }
}
