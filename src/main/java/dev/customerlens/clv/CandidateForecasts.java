package dev.customerlens.clv;

import dev.customerlens.events.EventLog;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The purchase forecasts there are to choose from (BG/NBD, Pareto/NBD and the learned model),
 * chosen between on an inner validation and then made for every customer of a cohort as of its
 * calibration end.
 *
 * <p>The choice never looks past the cut-off {@code asOf}: the log is split again at an inner cut-off
 * {@code innerDays} before it (the horizon, or half the log's span to {@code asOf} when that is
 * shorter), every candidate is fitted on the days to the inner cut-off (the learned model on three
 * quarters of the customers), and each forecasts "a purchase in the inner window" for the quarter
 * held back. The lowest Brier score there, a proper score that rewards ranking and calibration
 * alike, chooses. Only then is anything forecast for the days after {@code asOf}.
 */
final class CandidateForecasts {
  static final String BG_NBD = "BG/NBD";
  static final String PARETO_NBD = "Pareto/NBD";
  /** An inner window shorter than this says too little to choose on. */
  static final int MIN_INNER_DAYS = 14;
  private static final int MIN_INNER_CUSTOMERS = 20;

  /**
   * One candidate's forecast for each customer of the cohort, in cohort order.
   *
   * @param probability P(at least one purchase in the horizon)
   * @param expected expected purchase days in the horizon
   */
  record Candidate(String name, String basis, double[] probability, double[] expected) {}

  final Cohort cohort;
  final int horizonDays;
  final BgNbd bgNbd;
  final ParetoNbd paretoNbd;
  final LearnedForecast learned;
  final String learnedUnavailable;
  final LocalDate innerCut;
  final int innerDays;
  final List<ScoreCheck> innerChecks;
  final String chosen;
  final String choice;
  final List<Candidate> candidates;

  private CandidateForecasts(Cohort cohort, int horizonDays, BgNbd bgNbd, ParetoNbd paretoNbd,
      LearnedForecast learned, String learnedUnavailable, LocalDate innerCut, int innerDays,
      List<ScoreCheck> innerChecks, String chosen, String choice, List<Candidate> candidates) {
    this.cohort = cohort;
    this.horizonDays = horizonDays;
    this.bgNbd = bgNbd;
    this.paretoNbd = paretoNbd;
    this.learned = learned;
    this.learnedUnavailable = learnedUnavailable;
    this.innerCut = innerCut;
    this.innerDays = innerDays;
    this.innerChecks = List.copyOf(innerChecks);
    this.chosen = chosen;
    this.choice = choice;
    this.candidates = List.copyOf(candidates);
  }

  /**
   * Candidates for {@code cohort}'s customers, as of its calibration end, over the next {@code horizonDays},
   * chosen between on the inner validation ({@link #chosenBy} puts an evaluation's choice in its place).
   */
  static CandidateForecasts of(EventLog log, Cohort cohort, int horizonDays) {
    try (Beside beside = new Beside("repeat-purchase fits as of " + cohort.calibrationEnd())) {
      return of(log, cohort, horizonDays, beside);
    }
  }

  /** A customer's figure under a fitted model: f(t | x, t_x, T). */
  private interface PerCustomer {
    double of(double t, int x, double tx, double age);
  }

  /** A model fitted as of the calibration end, and its forecast for each customer of the cohort, in cohort order. */
  private record Outer<M>(M model, Candidate forecast) {
    static <M> Outer<M> of(String name, M model, Cohort cohort, int horizonDays, PerCustomer noPurchase,
        PerCustomer expectedPurchases) {
      List<PurchaseHistory> people = cohort.customers();
      int n = people.size();
      double t = (double) horizonDays / cohort.periodDays();
      double[] probability = new double[n];
      double[] expected = new double[n];
      for (int i = 0; i < n; i++) {
        PurchaseHistory c = people.get(i);
        probability[i] = 1 - noPurchase.of(t, c.repeatPurchases(), c.recency(), c.age());
        expected[i] = expectedPurchases.of(t, c.repeatPurchases(), c.recency(), c.age());
      }
      return new Outer<>(model, new Candidate(name, "1 - P(no purchase | x, t_x, T) under the " + name + " fitted to "
          + cohort.calibrationEnd(), probability, expected));
    }
  }

  private static CandidateForecasts of(EventLog log, Cohort cohort, int horizonDays, Beside beside) {
    LocalDate asOf = cohort.calibrationEnd();
    long span = asOf.toEpochDay() - log.firstDate().toEpochDay();
    int innerDays = (int) Math.min(horizonDays, span / 2);
    LearnedForecast learned = null;
    String learnedUnavailable = null;
    List<ScoreCheck> innerChecks = new ArrayList<>();
    String chosen = BG_NBD;
    String choice;
    LocalDate innerCut = asOf.minusDays(innerDays);
    Cohort inner = innerDays >= MIN_INNER_DAYS ? Cohort.of(log, innerCut, asOf, Cohort.WEEK) : null;
    boolean validating = inner != null && inner.customers().size() >= MIN_INNER_CUSTOMERS;
    // Every fit below but the inner BG/NBD, which the learned model needs, is independent of the others: queued
    // beside this thread in the order they are wanted here, they run on whichever thread is free first.
    Supplier<ParetoNbd> innerParetoFit = validating ? beside.start(() -> ParetoNbd.fit(inner.customers())) : null;
    Supplier<Outer<ParetoNbd>> outerPareto = beside.start(() -> {
      ParetoNbd model = ParetoNbd.fit(cohort.customers());
      return Outer.of(PARETO_NBD, model, cohort, horizonDays, model::probabilityOfNoPurchase, model::expectedPurchases);
    });
    Supplier<Outer<BgNbd>> outerBg = beside.start(() -> {
      BgNbd model = BgNbd.fit(cohort);
      return Outer.of(BG_NBD, model, cohort, horizonDays, model::probabilityOfNoPurchase, model::expectedPurchases);
    });
    if (!validating) {
      choice = String.format(Locale.ROOT, "no inner validation: %s; the BG/NBD is used", inner == null
          ? "the log's " + span + " days to " + asOf + " leave too short an inner window"
          : "only " + inner.customers().size() + " customers bought by the inner cut-off " + innerCut);
      learnedUnavailable = "not trained: " + choice.substring("no inner validation: ".length(), choice.indexOf(';'));
    } else {
      List<PurchaseHistory> people = inner.customers();
      boolean[] held = new boolean[people.size()];
      for (int i = 0; i < held.length; i++) held[i] = LearnedForecast.heldBack(people.get(i).customerId());
      BgNbd innerBg = BgNbd.fit(inner);
      double t = (double) innerDays / inner.periodDays();
      List<double[]> probabilities = new ArrayList<>();
      List<String> names = new ArrayList<>();
      long buyers = people.stream().filter(c -> c.holdoutPurchases() > 0).count();
      if (people.size() < LearnedForecast.MIN_CUSTOMERS) {
        learnedUnavailable = "not trained: only " + people.size() + " customers bought by the inner cut-off "
            + innerCut + ", fewer than " + LearnedForecast.MIN_CUSTOMERS;
      } else if (buyers == 0 || buyers == people.size()) {
        learnedUnavailable = "not trained: every customer " + (buyers == 0 ? "did not buy" : "bought")
            + " in the inner window, so there is nothing to tell apart";
      } else {
        learned = LearnedForecast.train(log, inner, innerBg, held);
      }
      ParetoNbd innerPareto = innerParetoFit.get();
      int m = 0;
      for (boolean h : held) if (h) m++;
      boolean[] bought = new boolean[m];
      double[] bg = new double[m];
      double[] pareto = new double[m];
      for (int i = 0, k = 0; i < people.size(); i++) {
        if (!held[i]) continue;
        PurchaseHistory c = people.get(i);
        bought[k] = c.holdoutPurchases() > 0;
        bg[k] = 1 - innerBg.probabilityOfNoPurchase(t, c.repeatPurchases(), c.recency(), c.age());
        pareto[k] = 1 - innerPareto.probabilityOfNoPurchase(t, c.repeatPurchases(), c.recency(), c.age());
        k++;
      }
      names.add(BG_NBD);
      probabilities.add(bg);
      names.add(PARETO_NBD);
      probabilities.add(pareto);
      if (learned != null) {
        names.add(LearnedForecast.NAME);
        probabilities.add(learned.validationProbability());
      }
      double best = Double.POSITIVE_INFINITY;
      for (int j = 0; j < names.size(); j++) {
        double brier = Auc.brier(probabilities.get(j), bought);
        // A tie (two candidates that reduce to the same model) goes to the one listed first, the simpler.
        if (brier < best - 1e-9) {
          best = brier;
          chosen = names.get(j);
        }
      }
      String target = "purchase in the " + innerDays + " days after " + innerCut;
      for (int j = 0; j < names.size(); j++) {
        double[] p = probabilities.get(j);
        innerChecks.add(new ScoreCheck(names.get(j), target, "fitted on the log to " + innerCut
            + ", judged on the quarter of its customers held back", m, Auc.of(p, bought), Auc.brier(p, bought),
            Auc.logLoss(p, bought), names.get(j).equals(chosen)));
      }
      choice = String.format(Locale.ROOT, "chosen on an inner validation before the holdout was looked at: the log "
          + "split again at %s, each candidate fitted on the days to it and judged on the next %d days for %d "
          + "customers held back; lowest Brier score: %s", innerCut, innerDays, m, chosen);
    }

    Outer<BgNbd> bg = outerBg.get();
    Outer<ParetoNbd> pareto = outerPareto.get();
    BgNbd bgNbd = bg.model();
    List<Candidate> candidates = new ArrayList<>(List.of(bg.forecast(), pareto.forecast()));
    int n = cohort.customers().size();
    if (learned != null) {
      double[] expected = learned.expected(log, cohort, bgNbd, horizonDays, innerDays);
      double[] probability = new double[n];
      for (int i = 0; i < n; i++) probability[i] = learned.probability(expected[i]);
      candidates.add(new Candidate(LearnedForecast.NAME, learned.basis() + "; features as of " + asOf,
          probability, expected));
    }
    return new CandidateForecasts(cohort, horizonDays, bgNbd, pareto.model(), learned, learnedUnavailable, innerCut,
        innerDays, innerChecks, chosen, choice, candidates);
  }

  /**
   * These candidates with the forecast an {@link Evaluation} chose and judged in place of the inner
   * validation's choice, so that its holdout figures describe what is used. A forecast that was not
   * a candidate here leaves the choice as it was; without an inner validation there was no choice to
   * replace.
   */
  CandidateForecasts chosenBy(String evaluated) {
    if (innerChecks.isEmpty()) return this;
    String used = innerChecks.stream().anyMatch(c -> c.name().equals(evaluated)) ? evaluated : chosen;
    List<ScoreCheck> checks = innerChecks.stream().map(c -> new ScoreCheck(c.name(), c.target(), c.basis(),
        c.customers(), c.auc(), c.brier(), c.logLoss(), c.name().equals(used))).toList();
    return new CandidateForecasts(cohort, horizonDays, bgNbd, paretoNbd, learned, learnedUnavailable, innerCut,
        innerDays, checks, used, "the forecast the evaluation chose and judged on its holdout: " + used, candidates);
  }

  Candidate chosenCandidate() {
    return candidates.stream().filter(c -> c.name().equals(chosen)).findFirst().orElseThrow();
  }

  /** What the chosen forecast leans on, largest first. */
  List<Driver> drivers() {
    if (chosen.equals(LearnedForecast.NAME)) return learned.importance();
    return List.of(new Driver("repeat purchase days (x)", Double.NaN), new Driver("recency (t_x)", Double.NaN),
        new Driver("weeks since the first purchase (T)", Double.NaN));
  }
}
