package dev.customerlens.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.CustomerAnalytics;
import dev.customerlens.Fixtures;
import dev.customerlens.data.AuditFinding;
import dev.customerlens.data.Dataset;
import dev.customerlens.persona.PersonaRule;
import dev.customerlens.predict.Predictor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A missing column flows through the analysis: what needs it is unavailable (never guessed), and
 * everything else is computed as usual. The three customers of the variant files, by hand:
 * <pre>
 *   id  amount  rating  subscribed  discount  promo  previous  frequency (a year)
 *   1   83      4.1     Yes         Yes       Yes    34        Weekly (52)
 *   2   34      4.0     No          Yes       Yes    5         Monthly (12)
 *   3   73      4.6     No          No        No     23        Quarterly (4)
 * </pre>
 */
class MissingColumnAnalysisTest {
  @TempDir Path dir;

  private CustomerAnalytics analyse(String variant) {
    return CustomerAnalytics.of(Dataset.read(Fixtures.variant(dir, variant)));
  }

  private static List<String> personas(CustomerAnalytics a) {
    return a.customers().stringColumn("persona").asList();
  }

  private static List<String> actions(CustomerAnalytics a, String id) {
    return a.recommendations(id).stream().map(r -> r.action()).toList();
  }

  /** The original file without its Subscription Status column (the 12th). */
  private CustomerAnalytics withoutSubscription() throws Exception {
    String text = Files.readAllLines(Fixtures.variant(dir, "original-18.csv")).stream()
        .map(line -> {
          List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
          cells.remove(11);
          return String.join(",", cells);
        })
        .collect(Collectors.joining("\n", "", "\n"));
    return CustomerAnalytics.of(Dataset.read(Fixtures.write(dir, "no-subscription.csv", text)));
  }

  @Test
  void withEveryColumnCustomerTwoIsABargainHunter() {
    // 1: subscribed, 34 previous, $83 -> Premium Loyalist. 2: discount and promo, $34 < $60 -> Bargain Hunter.
    // 3: not subscribed, no discount, $73 >= 60 and rating 4.6 >= 4 -> Quality Seeker.
    assertEquals(List.of("Premium Loyalist", "Bargain Hunter", "Quality Seeker"), personas(analyse("original-18.csv")));
  }

  @Test
  void withoutPromoCodeBargainHunterIsUnavailableAndCustomerTwoFallsThroughToNewExplorer() {
    CustomerAnalytics a = analyse("snake-17.csv");
    // 2: Bargain Hunter cannot be evaluated; Quality Seeker needs $60 (has 34); Frequent Shopper needs 26 a year
    // (has 12); Lapsing Occasional needs 4 or fewer (has 12); New Explorer: 5 previous purchases <= 10.
    assertEquals(List.of("Premium Loyalist", "New Explorer", "Quality Seeker"), personas(a));
    var summary = a.personas();
    int bargain = summary.stringColumn("persona").indexOf("Bargain Hunter");
    assertEquals(0, summary.intColumn("customers").getInt(bargain));
    assertTrue(summary.stringColumn("description").get(bargain).startsWith("unavailable: needs promo_used. "),
        summary.stringColumn("description").get(bargain));
    // The trait and the recommendation that need a promo code are not given to customer 2 either.
    assertTrue(analyse("original-18.csv").customers().stringColumn("traits").get(1).contains("discount-driven"));
    assertTrue(!a.customers().stringColumn("traits").get(1).contains("discount-driven"));
    assertTrue(actions(analyse("original-18.csv"), "2").contains("Include in promo-code campaigns"));
    assertTrue(!actions(a, "2").contains("Include in promo-code campaigns"), actions(a, "2").toString());
  }

  @Test
  void theAnalysisAuditListsWhatTheMissingColumnMakesUnavailable() {
    List<AuditFinding> unavailable = analyse("snake-17.csv").audit().findings(AuditFinding.Kind.UNAVAILABLE);
    assertEquals(1, unavailable.size());
    assertEquals("unavailable: needs promo_used (Promo Code Used is not in the file): persona rule Bargain Hunter, "
        + "trait discount-driven, recommendation Include in promo-code campaigns; a rule that needs it matches nobody",
        unavailable.get(0).message());
  }

  @Test
  void aNegatedConditionOnAMissingColumnMatchesNobody() {
    // Without the column, NOT promo_used is not known to hold for anyone: the rule cannot match.
    CustomerAnalytics a = analyse("snake-17.csv").withPersona(PersonaRule.of("No Promo", "Never used a promo code",
        "NOT promo_used"));
    assertEquals(List.of("Premium Loyalist", "New Explorer", "Quality Seeker"), personas(a));
  }

  @Test
  void withoutSubscriptionItsScoreTermIsLeftOutAndSaysSo() throws Exception {
    CustomerAnalytics a = withoutSubscription();
    // 1: Premium Loyalist needs subscribed; Bargain Hunter needs $83 < 60; Quality Seeker: $83, rating 4.1.
    assertEquals(List.of("Quality Seeker", "Bargain Hunter", "Quality Seeker"), personas(a));
    var factors = a.customer("1").predictiveAnalytics().factors();
    var subscription = factors.stream().filter(f -> f.name().equals("subscription")).findFirst().orElseThrow();
    assertEquals(Predictor.UNAVAILABLE, subscription.value());
    assertEquals(0.0, subscription.effectLogOdds());
    assertTrue(a.customer("1").predictiveAnalytics().formulas().get("p_active")
        .endsWith("; left out, for want of its column in the input: subscription"));
    // "Offer the subscription" (NOT subscribed AND 12+ a year) went to customer 2 with the column; now to nobody.
    assertTrue(actions(analyse("original-18.csv"), "2").contains("Offer the subscription"));
    assertTrue(a.recommendationList().stringColumn("action").asList().stream()
        .noneMatch(action -> action.equals("Offer the subscription")));
  }
}
