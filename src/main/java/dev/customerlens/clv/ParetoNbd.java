package dev.customerlens.clv;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.apache.commons.math3.special.Gamma;

/**
 * The Pareto/NBD model of Schmittlein, Morrison and Colombo (1987): while alive a customer buys at
 * a Poisson rate λ ~ Gamma(r, α) and dies after an exponential lifetime of rate μ ~ Gamma(s, β),
 * at any time rather than only after a purchase as in the {@link BgNbd}. The formulas are those of
 * Fader, Hardie and Lee, "A Note on Deriving the Pareto/NBD Model and Related Expressions" (2005).
 *
 * <p>The likelihood (their equation 3 integrated over λ and μ) is
 * <pre>
 *   L(r, α, s, β | x, t_x, T) = E[λ^x e^−(λ+μ)T] + E[λ^x μ ∫_{t_x}^{T} e^−(λ+μ)τ dτ]
 *     = Γ(r+x)α^r / Γ(r) · [ β^s / ((α+T)^(r+x) (β+T)^s)
 *                           + s β^s ∫_{t_x}^{T} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ ]
 * </pre>
 * The note writes the integral in closed form with a ₂F₁ whose argument approaches 1 for small β,
 * where its series converges too slowly to fit with; here the same integral is taken by
 * Gauss-Legendre quadrature over ln(α+τ), in panels short enough that the integrand, a product of
 * powers, is smooth on each. This is the exact likelihood, not an approximation of the model.
 *
 * @param r shape of the purchase-rate distribution
 * @param alpha its rate, in the cohort's periods
 * @param s shape of the death-rate distribution
 * @param beta its rate, in the cohort's periods
 *
 * <p>Fitted from one start (r = s = 1, α = β = the mean age): the likelihood is smooth, and on the
 * CDNOW sample this start reaches the published estimates; a second start doubled the time of
 * {@code evaluate} without changing them.
 */
public record ParetoNbd(double r, double alpha, double s, double beta, double logLikelihood, int customers,
    int evaluations) implements java.io.Serializable {
  /** 8-point Gauss-Legendre nodes and weights on [−1, 1]. */
  private static final double[] NODES = {-0.9602898564975363, -0.7966664774136267, -0.5255324099163290,
      -0.1834346424956498, 0.1834346424956498, 0.5255324099163290, 0.7966664774136267, 0.9602898564975363};
  private static final double[] WEIGHTS = {0.1012285362903763, 0.2223810344533745, 0.3137066458778873,
      0.3626837833783620, 0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763};
  /** Most the log of the integrand may change over one panel; 8 nodes integrate e^−2u to 1e-12. */
  private static final double PANEL_CHANGE = 2;

  public ParetoNbd {
    for (double v : new double[] {r, alpha, s, beta}) {
      if (!(v > 0 && Double.isFinite(v))) throw new IllegalArgumentException("Pareto/NBD parameters must be positive");
    }
  }

  public static ParetoNbd of(double r, double alpha, double s, double beta) {
    return new ParetoNbd(r, alpha, s, beta, Double.NaN, 0, 0);
  }

  /**
   * Maximum likelihood over the customers' (x, t_x, T). Customers who share a summary share a term,
   * counted once per customer, and ln Γ(r + x) is computed once per distinct x.
   */
  public static ParetoNbd fit(List<PurchaseHistory> customers) {
    if (customers.isEmpty()) throw new IllegalArgumentException("no customers to fit");
    Map<List<Double>, Integer> groups = new LinkedHashMap<>();
    double meanAge = 0;
    for (PurchaseHistory c : customers) {
      groups.merge(List.of((double) c.repeatPurchases(), c.recency(), c.age()), 1, Integer::sum);
      meanAge += c.age() / customers.size();
    }
    int m = groups.size();
    int[] x = new int[m];
    double[] tx = new double[m];
    double[] age = new double[m];
    double[] weight = new double[m];
    int maxX = 0;
    int k = 0;
    for (var g : groups.entrySet()) {
      x[k] = g.getKey().get(0).intValue();
      tx[k] = g.getKey().get(1);
      age[k] = g.getKey().get(2);
      weight[k] = g.getValue();
      maxX = Math.max(maxX, x[k]);
      k++;
    }
    int top = maxX;
    double scale = Math.max(meanAge, 1e-3);
    MaximumLikelihood.Result result = MaximumLikelihood.maximise(p -> {
      double r = p[0];
      double[] byX = new double[top + 1];
      for (int j = 0; j <= top; j++) byX[j] = Gamma.logGamma(r + j);
      double common = -Gamma.logGamma(r) + r * Math.log(p[1]) + p[2] * Math.log(p[3]);
      double sum = 0;
      for (int i = 0; i < m; i++) {
        sum += weight[i] * (common + byX[x[i]] + logBracket(r, p[1], p[2], p[3], x[i], tx[i], age[i]));
      }
      return sum;
    }, new double[] {1, scale, 1, scale});
    double[] p = result.parameters();
    return new ParetoNbd(p[0], p[1], p[2], p[3], result.logLikelihood(), customers.size(), result.evaluations());
  }

  /** ln L for one customer, as in the class comment. */
  static double logLikelihood(double r, double alpha, double s, double beta, int x, double tx, double age) {
    return Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha) + s * Math.log(beta)
        + logBracket(r, alpha, s, beta, x, tx, age);
  }

  /** ln[(α+T)^−(r+x) (β+T)^−s + s ∫_{t_x}^{T} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ]. */
  private static double logBracket(double r, double alpha, double s, double beta, int x, double tx, double age) {
    double alive = -(r + x) * Math.log(alpha + age) - s * Math.log(beta + age);
    double died = Math.log(s) + logIntegral(r + x, alpha, s + 1, beta, tx, age);
    return logSumExp(alive, died);
  }

  /**
   * ln ∫_{from}^{to} (α+τ)^−m (β+τ)^−k dτ. With v = ln(α+τ) the integrand is e^((1−m)v) (β−α+e^v)^−k:
   * smooth in v, so Gauss-Legendre on panels of v over which its log changes by at most
   * {@value #PANEL_CHANGE} is accurate, however steeply it falls.
   */
  static double logIntegral(double m, double alpha, double k, double beta, double from, double to) {
    if (to <= from) return Double.NEGATIVE_INFINITY;
    double v0 = Math.log(alpha + from);
    double v1 = Math.log(alpha + to);
    double slope = Math.abs(1 - m) + k * Math.max(1, (alpha + from) / (beta + from));
    int panels = (int) Math.min(400, Math.ceil(slope * (v1 - v0) / PANEL_CHANGE)) + 1;
    double width = (v1 - v0) / panels;
    // Running log-sum-exp: the terms can span hundreds of orders of magnitude.
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    for (int p = 0; p < panels; p++) {
      double mid = v0 + (p + 0.5) * width;
      for (int q = 0; q < NODES.length; q++) {
        double v = mid + NODES[q] * width / 2;
        double tau = Math.exp(v) - alpha;
        double term = Math.log(WEIGHTS[q] * width / 2) + (1 - m) * v - k * Math.log(beta + Math.max(tau, from));
        if (term > max) {
          sum = sum * Math.exp(max - term) + 1;
          max = term;
        } else {
          sum += Math.exp(term - max);
        }
      }
    }
    return max + Math.log(sum);
  }

  private static double logSumExp(double u, double v) {
    double max = Math.max(u, v);
    if (max == Double.NEGATIVE_INFINITY) return max;
    return max + Math.log(Math.exp(u - max) + Math.exp(v - max));
  }

  /**
   * P(alive | x, t_x, T) = β^s (α+T)^−(r+x) (β+T)^−s / [that + s β^s ∫_{t_x}^{T} ...], the first
   * term of the likelihood over the whole (FHL note, equation 18, with the integral for the ₂F₁).
   */
  public double probabilityAlive(int x, double tx, double age) {
    double alive = -(r + x) * Math.log(alpha + age) - s * Math.log(beta + age);
    double died = Math.log(s) + logIntegral(r + x, alpha, s + 1, beta, tx, age);
    return 1 / (1 + Math.exp(died - alive));
  }

  /**
   * E[Y(t) | x, t_x, T] = (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive)
   * (FHL note, equation 20); for s = 1 the bracket over (s − 1) becomes ln((β+T+t)/(β+T)).
   */
  public double expectedPurchases(double t, int x, double tx, double age) {
    if (t <= 0) return 0;
    double lifetime = Math.abs(s - 1) < 1e-9
        ? Math.log1p(t / (beta + age))
        : -Math.expm1((s - 1) * (Math.log(beta + age) - Math.log(beta + age + t))) / (s - 1);
    return (r + x) * (beta + age) / (alpha + age) * lifetime * probabilityAlive(x, tx, age);
  }

  /**
   * P(no purchase in the next t periods | x, t_x, T). Alive at T, the posteriors are independent,
   * λ ~ Gamma(r+x, α+T) and μ ~ Gamma(s, β+T), and a customer who dies at T+u buys nothing in t with
   * probability e^−λ min(u, t). Integrating over λ and μ:
   * P(none | alive) = ∫_0^t s/(β+T) ((β+T)/(β+T+u))^(s+1) ((α+T)/(α+T+u))^(r+x) du
   *                   + ((β+T)/(β+T+t))^s ((α+T)/(α+T+t))^(r+x);
   * a dead customer buys nothing.
   */
  public double probabilityOfNoPurchase(double t, int x, double tx, double age) {
    double rx = r + x;
    double logFront = Math.log(s) + s * Math.log(beta + age) + rx * Math.log(alpha + age);
    double during = Math.exp(logFront + logIntegral(rx, alpha + age, s + 1, beta + age, 0, t));
    double survives = Math.exp(s * (Math.log(beta + age) - Math.log(beta + age + t))
        + rx * (Math.log(alpha + age) - Math.log(alpha + age + t)));
    double none = Math.min(1, during + survives);
    double alive = probabilityAlive(x, tx, age);
    return 1 - alive * (1 - none);
  }

  /**
   * Whether the fit found customers dying: with s or β at the edge of the search box the mean death
   * rate s/β is indistinguishable from 0, P(alive) is 1 for everyone, and the model is the NBD.
   */
  public boolean dropoutIdentified() {
    return !(MaximumLikelihood.atBound(s) || MaximumLikelihood.atBound(beta));
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Pareto/NBD r = %.4f, alpha = %.4f, s = %.4f, beta = %.4f, LL = %.2f (%d customers)%s",
        r, alpha, s, beta, logLikelihood, customers, dropoutIdentified() ? "" : "; on the edge of the parameter space: "
            + "no sign of customers dying, so it reduces to the NBD and P(alive) is 1 for everyone");
  }
}
