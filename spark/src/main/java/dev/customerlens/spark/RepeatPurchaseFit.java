package dev.customerlens.spark;

import dev.customerlens.clv.BgNbd;
import dev.customerlens.clv.GammaGamma;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The repeat-purchase models of {@code RepeatPurchaseModel.fit}, fitted on the driver from
 * summaries computed on the cluster. It holds the fitted parameters only: the per-customer cohort
 * they came from stays on the cluster ({@link SparkEvents#cohort}), where forecasts would be made.
 *
 * @param calibrationEnd the last day the models saw, included
 * @param periodDays the models' time unit in days (7: weeks); alpha is in these periods
 * @param purchases the BG/NBD model of how many purchases customers make and whether they are still active
 * @param spend the Gamma-Gamma spend model; empty, as in {@code RepeatPurchaseModel.spend()}, when
 *     fewer than two customers have repeat purchases with a positive amount or the fit has no
 *     finite mean (q ≤ 1)
 * @param purchaseSummaries the distinct (x, t_x, T) rows that came to the driver for the BG/NBD
 * @param spendSummaries the distinct (x, mean repeat spend) rows that came to the driver for the Gamma-Gamma
 */
public record RepeatPurchaseFit(LocalDate calibrationEnd, int periodDays, BgNbd purchases, Optional<GammaGamma> spend,
    int purchaseSummaries, int spendSummaries) {
  public RepeatPurchaseFit {
    Objects.requireNonNull(calibrationEnd, "calibrationEnd");
    Objects.requireNonNull(purchases, "purchases");
    Objects.requireNonNull(spend, "spend");
  }
}
