package dev.customerlens.clv;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * Maximises a log-likelihood over positive parameters with commons-math's BOBYQA (Powell's bounded
 * derivative-free optimiser). The search runs over the logarithms of the parameters, which keeps
 * them positive and makes their scales comparable, inside the box [e^−{@value #LOG_BOUND},
 * e^{@value #LOG_BOUND}]. Several starts guard against a poor local stop; the best is kept. Every
 * run is capped in evaluations, so a fit never hangs.
 */
final class MaximumLikelihood {
  /** Parameters live in [1.7e-5, 5.9e4]; a fit that ends within {@link #EDGE} of either end is on the boundary. */
  static final double LOG_BOUND = 11;
  private static final double EDGE = 0.05;
  private static final int MAX_EVALUATIONS = 20_000;

  /**
   * @param parameters the estimates (not their logarithms)
   * @param atBound for each parameter, whether the estimate is at the edge of the search box
   */
  record Result(double[] parameters, double logLikelihood, int evaluations, boolean[] atBound) {}

  private MaximumLikelihood() {}

  static Result maximise(ToDoubleFunction<double[]> logLikelihood, double[]... starts) {
    int n = starts[0].length;
    double[] lower = new double[n];
    double[] upper = new double[n];
    Arrays.fill(lower, -LOG_BOUND);
    Arrays.fill(upper, LOG_BOUND);
    // A likelihood that cannot be evaluated is worse than any that can, but not so much worse that it wrecks BOBYQA's quadratic model.
    ObjectiveFunction objective = new ObjectiveFunction(logs -> {
      double value = logLikelihood.applyAsDouble(exp(logs));
      return Double.isFinite(value) ? value : -1e12;
    });
    PointValuePair best = null;
    int evaluations = 0;
    for (double[] start : starts) {
      double[] guess = new double[n];
      for (int i = 0; i < n; i++) guess[i] = Math.max(-LOG_BOUND + 1, Math.min(LOG_BOUND - 1, Math.log(start[i])));
      BOBYQAOptimizer optimizer = new BOBYQAOptimizer(2 * n + 1, 0.5, 1e-10);
      try {
        PointValuePair found = optimizer.optimize(new MaxEval(MAX_EVALUATIONS), objective, GoalType.MAXIMIZE,
            new InitialGuess(guess), new SimpleBounds(lower, upper));
        evaluations += optimizer.getEvaluations();
        if (best == null || found.getValue() > best.getValue()) best = found;
      } catch (TooManyEvaluationsException e) {
        // This start wandered without settling; the other starts decide.
        evaluations += MAX_EVALUATIONS;
      }
    }
    if (best == null) throw new IllegalStateException("the likelihood could not be maximised in " + evaluations + " evaluations");
    double[] logs = best.getPoint();
    double[] estimates = exp(logs);
    boolean[] onEdge = new boolean[n];
    for (int i = 0; i < n; i++) onEdge[i] = atBound(estimates[i]);
    return new Result(estimates, best.getValue(), evaluations, onEdge);
  }

  /** Whether an estimate sits at the edge of the search box, where the optimiser was stopped rather than settled. */
  static boolean atBound(double estimate) {
    return Math.abs(Math.log(estimate)) > LOG_BOUND - EDGE;
  }

  private static double[] exp(double[] logs) {
    double[] out = new double[logs.length];
    for (int i = 0; i < logs.length; i++) out[i] = Math.exp(logs[i]);
    return out;
  }
}
