package dev.customerlens.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.clv.BgNbd;
import dev.customerlens.clv.Cohort;
import dev.customerlens.clv.ForecastFit;
import dev.customerlens.clv.GammaGamma;
import dev.customerlens.clv.RepeatPurchaseModel;
import dev.customerlens.events.EventLog;
import dev.customerlens.events.LogFormat;
import dev.customerlens.predict.Predictor;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance tests for event logs: the RFM summary, the cohort summaries and the fitted
 * repeat-purchase models from Spark equal the local engine's, on the CDNOW sample (split over
 * several partitions) and on the project's embedded event log.
 */
class SparkEventsTest {
  private static final LocalDate CDNOW_CALIBRATION_END = LocalDate.of(1997, 9, 30);
  private static final LocalDate CDNOW_HOLDOUT_END = LocalDate.of(1998, 6, 30);
  @TempDir static Path dir;
  private static EventLog localCdnow;
  private static EventLog localEmbedded;
  private static SparkEvents cdnow;
  private static SparkEvents embedded;

  @BeforeAll
  static void readBothLogsWithBothEngines() {
    Path cdnowFile = LocalTables.copy("/cdnow/CDNOW_sample.txt", dir.resolve("CDNOW_sample.txt"));
    Path embeddedFile = LocalTables.copy("/dev/customerlens/data/events.csv", dir.resolve("events.csv"));
    localCdnow = EventLog.read(cdnowFile, LogFormat.CDNOW);
    localEmbedded = EventLog.embedded();
    SparkAnalytics spark = SparkAnalytics.on(LocalSpark.session());
    cdnow = LocalTables.withPartitionsOf("64k", () -> spark.events(cdnowFile.toString(), LogFormat.CDNOW));
    embedded = spark.events(embeddedFile.toString());
  }

  @AfterAll
  static void close() {
    cdnow.close();
    embedded.close();
  }

  @Test
  void aForecastFittedOnTheDriverToEveryCustomerIsTheLocalOne() {
    ForecastFit local = ForecastFit.forLog(localCdnow, Predictor.defaults());
    ForecastFit fromSpark = cdnow.forecastFit(Predictor.defaults(), 10_000);

    assertEquals(2357, fromSpark.customers());
    assertEquals(local.model(), fromSpark.model());
    assertEquals(local.forecasts(localCdnow), fromSpark.forecasts(localCdnow));
  }

  @Test
  void aForecastFittedToASampleOfCustomersTakesAboutThatShareAndTheSameSampleOnEveryRun() {
    // 2,357 customers over at most 1,000 a fit: ids hashed into three parts, one part kept.
    ForecastFit once = cdnow.forecastFit(Predictor.defaults(), 1_000);
    ForecastFit again = cdnow.forecastFit(Predictor.defaults(), 1_000);

    assertTrue(once.customers() > 2357 / 3 - 150 && once.customers() < 2357 / 3 + 150, once.customers() + " customers");
    assertEquals(once.customers(), again.customers());
    assertEquals(once.forecasts(localCdnow), again.forecasts(localCdnow));
  }

  @Test
  void cdnowCohortFromSparkEqualsTheLocalCohortCustomerByCustomer() {
    Cohort local = Cohort.of(localCdnow, CDNOW_CALIBRATION_END, CDNOW_HOLDOUT_END, Cohort.WEEK);

    assertEquals(2357, local.customers().size());
    assertEquals(List.of(), LocalTables.differences(local.toTable(),
        cdnow.cohort(CDNOW_CALIBRATION_END, CDNOW_HOLDOUT_END, Cohort.WEEK)));
  }

  @Test
  void embeddedLogCohortFromSparkEqualsTheLocalCohortCustomerByCustomer() {
    LocalDate calibrationEnd = localEmbedded.lastDate().minusDays(60);

    assertEquals(localEmbedded.lastDate(), embedded.lastDate());
    assertEquals(List.of(), LocalTables.differences(Cohort.of(localEmbedded, calibrationEnd).toTable(),
        embedded.cohort(calibrationEnd)));
    assertEquals(List.of(), LocalTables.differences(Cohort.of(localEmbedded).toTable(), embedded.cohort()));
  }

  @Test
  void embeddedLogRfmFromSparkEqualsTheLocalRfmRowByRow() {
    LocalDate earlier = localEmbedded.lastDate().minusDays(45);

    assertEquals(List.of(), LocalTables.differences(localEmbedded.rfm(localEmbedded.lastDate()), embedded.rfm()));
    assertEquals(List.of(), LocalTables.differences(localEmbedded.rfm(earlier), embedded.rfm(earlier)));
  }

  @Test
  void cdnowRfmWithManyTiedValuesScoresEveryCustomerAsTheLocalRfm() {
    assertEquals(List.of(), LocalTables.differences(localCdnow.rfm(CDNOW_CALIBRATION_END), cdnow.rfm(CDNOW_CALIBRATION_END)));
  }

  @Test
  void cdnowModelFittedFromSparkSummariesReproducesThePublishedEstimatesAndTheLocalFit() {
    RepeatPurchaseFit fit = cdnow.model(CDNOW_CALIBRATION_END);
    RepeatPurchaseModel local = RepeatPurchaseModel.fit(localCdnow, CDNOW_CALIBRATION_END);

    assertSameFit(local, fit);
    BgNbd purchases = fit.purchases();
    assertEquals(0.2426, purchases.r(), 0.00005);
    assertEquals(4.4136, purchases.alpha(), 0.00005);
    assertEquals(0.7929, purchases.a(), 0.00005);
    assertEquals(2.4259, purchases.b(), 0.00005);
    GammaGamma spend = fit.spend().orElseThrow();
    assertEquals(6.25, spend.p(), 0.005);
    assertEquals(3.74, spend.q(), 0.005);
    assertEquals(15.44, spend.gamma(), 0.005);
    assertTrue(fit.purchaseSummaries() < 2357, "customers sharing (x, t_x, T) come to the driver as one row, were "
        + fit.purchaseSummaries());
  }

  @Test
  void embeddedLogModelFittedFromSparkSummariesEqualsTheLocalFit() {
    assertSameFit(RepeatPurchaseModel.fit(localEmbedded), embedded.model());
  }

  private static void assertSameFit(RepeatPurchaseModel local, RepeatPurchaseFit fit) {
    BgNbd expected = local.purchases();
    BgNbd actual = fit.purchases();
    assertEquals(expected.customers(), actual.customers());
    double[][] pairs = {{expected.r(), actual.r()}, {expected.alpha(), actual.alpha()}, {expected.a(), actual.a()},
        {expected.b(), actual.b()}, {expected.logLikelihood(), actual.logLikelihood()}};
    for (double[] pair : pairs) {
      assertTrue(LocalTables.relativelyClose(pair[0], pair[1], 1e-6), expected + " vs " + actual);
    }
    assertEquals(expected.boundary() == null, actual.boundary() == null, expected + " vs " + actual);
    assertEquals(local.spend().isPresent(), fit.spend().isPresent());
    if (local.spend().isPresent()) {
      GammaGamma e = local.spend().get();
      GammaGamma a = fit.spend().get();
      assertEquals(e.customers(), a.customers());
      for (double[] pair : new double[][] {{e.p(), a.p()}, {e.q(), a.q()}, {e.gamma(), a.gamma()}}) {
        assertTrue(LocalTables.relativelyClose(pair[0], pair[1], 1e-6), e + " vs " + a);
      }
    }
  }
}
