package dev.customerlens;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.customerlens.data.Dataset;
import dev.customerlens.data.ReadOptions;
import dev.customerlens.export.Export;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * Four customers written by hand (src/test/resources/hand/customers.csv) whose personas, scores and
 * recommendations are worked out below from the stated formulas, not taken from the program. The
 * expected files beside them were checked against this arithmetic. All four buy Monthly (12 a year)
 * and rate 4.0, so those two terms of the score are constant and count zero; only previous
 * purchases and the subscription move p_active.
 *
 * <pre>
 * id  age  category  amount  subscribed  discount+promo  previous
 * 1   40   Clothing     100  Yes         No               40
 * 2   30   Clothing      30  No          Yes              40
 * 3   50   Clothing      80  No          No                0
 * 4   20   Footwear      40  No          No                0
 * </pre>
 */
class HandWorkedCustomersTest {
  private static final double TOLERANCE = 1e-4;
  private static final CustomerAnalytics HAND = load();

  @TempDir Path dir;

  private static CustomerAnalytics load() {
    try (InputStream in = HandWorkedCustomersTest.class.getResourceAsStream("/hand/customers.csv")) {
      return CustomerAnalytics.of(Dataset.read(in, "hand/customers.csv", ReadOptions.strict()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void personasFollowTheFirstRuleThatMatches() {
    // 1: subscribed, 40 >= 25 previous, $100 >= 60                   -> rule 1 Premium Loyalist
    // 2: not subscribed; discount and promo, $30 < 60                -> rule 2 Bargain Hunter
    // 3: no discount; $80 >= 60 and rating 4.0 >= 4                   -> rule 3 Quality Seeker
    // 4: $40 < 60; 12 a year is neither >= 26 nor <= 4; 0 <= 10 prev  -> rule 6 New Explorer
    assertEquals(List.of("Premium Loyalist", "Bargain Hunter", "Quality Seeker", "New Explorer"),
        HAND.customers().stringColumn("persona").asList());
  }

  @Test
  void scoresFollowTheStatedFormulas() {
    // previous purchases 40, 40, 0, 0: mean 20, sample sd sqrt(4 * 20^2 / 3) = 23.094, z = +-0.8660;
    // its term is 0.6 * 0.8660 = 0.5196. Rating and frequency do not vary: their terms are 0.
    // logit 1 = 0.9 + 0.5196 + 0.8 (subscribed) = 2.2196 -> p = 1 / (1 + e^-2.2196) = 0.90200
    // logit 2 = 0.9 + 0.5196                    = 1.4196 -> p = 0.80528
    // logit 3 = logit 4 = 0.9 - 0.5196          = 0.3804 -> p = 0.59397
    double[] active = {0.90200, 0.80528, 0.59397, 0.59397};
    // P(purchase in 30 days) = p * (1 - e^(-12 * 30 / 365)) = p * 0.62705
    double[] purchase = {0.56559, 0.50495, 0.37244, 0.37244};
    // CLV = amount * 12 * (q + q^2 + q^3), q = p / 1.1:
    // 1: q = 0.82000, sum 2.04376, 1200 * 2.04376 = 2452.51; 2: 360 * 1.66034 = 597.72;
    // 3: 960 * 0.98897 = 949.41; 4: 480 * 0.98897 = 474.71
    double[] clv = {2452.51, 597.72, 949.41, 474.71};
    Table scored = HAND.customers();
    for (int row = 0; row < 4; row++) {
      assertEquals(active[row], scored.doubleColumn("p_active").getDouble(row), TOLERANCE, "p_active of row " + row);
      assertEquals(1 - active[row], scored.doubleColumn("churn_risk").getDouble(row), TOLERANCE);
      assertEquals(purchase[row], scored.doubleColumn("purchase_probability").getDouble(row), TOLERANCE);
      assertEquals(clv[row], scored.doubleColumn("clv").getDouble(row), 0.01);
    }
    // Churn is below 50% for all; purchase probability is 50% or more for 1 and 2 only.
    assertEquals(List.of("Purchase", "Purchase", "Browse", "Browse"), scored.stringColumn("next_action").asList());
    // current value = amount * previous purchases: 100 * 40, 30 * 40, 80 * 0, 40 * 0
    assertEquals(List.of(4000.0, 1200.0, 0.0, 0.0), scored.doubleColumn("current_value").asList());
    // Expected annual value = amount * 12 * p: 1082.40, 289.90, 570.21, 285.10. Mid-rank percentiles
    // 75, 25, 50, 0: High from 75, Low below 25.
    assertEquals(List.of("High", "Medium", "Medium", "Low"), scored.stringColumn("revenue_potential").asList());
  }

  @Test
  void recommendationsFollowTheRulesAndRaiseTheTopQuarterOfLifetimeValue() {
    // Category shift: each persona has one customer. Categories Clothing, Footwear; a persona's mix is
    // (count + 1) / (size + 2), so 2/3 own, 1/3 other; in the customer's cell (size 1) the other
    // category gets (0 + 10 * 1/3) / (1 + 10) = 0.3030 >= 25%: everyone is offered the other category.
    // Offer the subscription: not subscribed and 12+ a year: 2, 3, 4. Preview the premium range: the
    // top-25% amount ($100, percentile 75) with rating >= 4: 1. Promo-code campaigns: 2. Nobody rates
    // below 3, churns, or rates 4.5+.
    // Lifetime values rank 1 > 3 > 2 > 4: only 1 is in the top quarter (percentile 75), so its two
    // recommendations go up one level (Medium -> High, Low -> Medium). Most urgent first, then by CLV.
    List<String> expected = List.of(
        "1 Cross-sell High Recommend Footwear",
        "1 Upsell Medium Preview the premium range",
        "3 Upsell Medium Offer the subscription",
        "3 Cross-sell Medium Recommend Footwear",
        "2 Upsell Medium Offer the subscription",
        "2 Cross-sell Medium Recommend Footwear",
        "4 Upsell Medium Offer the subscription",
        "4 Cross-sell Medium Recommend Clothing",
        "2 Marketing Low Include in promo-code campaigns");
    Table list = HAND.recommendationList();
    List<String> actual = new ArrayList<>();
    for (int i = 0; i < list.rowCount(); i++) {
      actual.add(String.join(" ", list.stringColumn("customer_id").get(i), list.stringColumn("type").get(i),
          list.stringColumn("priority").get(i), list.stringColumn("action").get(i)));
    }
    assertEquals(expected, actual);
  }

  @Test
  void exportsEqualTheExpectedFilesWhole() throws IOException {
    assertEquals(expected("personas.csv"), csv(HAND.personas()));
    assertEquals(expected("customers_scored.csv"), csv(HAND.customers()));
    assertEquals(expected("recommendations.csv"), csv(HAND.recommendationList()));
    assertEquals(expected("summary.json"), HAND.summary().toJson() + "\n");
  }

  @Test
  void customerDocumentEqualsTheExpectedFileWhole() throws IOException {
    // The seed-shaped document: user_id, and scores as percentages with one decimal (9.8 = 1 - 0.90200).
    assertEquals(expected("customer-1.json"), HAND.customer("1").toJson() + "\n");
  }

  private String csv(Table table) throws IOException {
    return Files.readString(Export.csv(table, dir.resolve(table.name() + ".csv")));
  }

  private static String expected(String name) throws IOException {
    try (InputStream in = HandWorkedCustomersTest.class.getResourceAsStream("/hand/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
