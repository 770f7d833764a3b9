package dev.customerlens.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fitting from distinct summaries with their counts, as an engine that summarises where the data lives does. */
class GroupedFitTest {
  private static Cohort cohort;

  @BeforeAll
  static void readCdnow() {
    cohort = Cdnow.cohort();
  }

  @Test
  void groupsOfOneCustomerEachFitExactlyAsTheCustomers() {
    List<BgNbd.Group> purchases = new ArrayList<>();
    List<GammaGamma.Group> spend = new ArrayList<>();
    for (PurchaseHistory c : cohort.customers()) {
      purchases.add(new BgNbd.Group(c.repeatPurchases(), c.recency(), c.age(), 1));
      spend.add(new GammaGamma.Group(c.repeatPurchases(), c.meanRepeatSpend(), 1));
    }

    assertEquals(BgNbd.fit(cohort), BgNbd.fitGroups(purchases));
    assertEquals(GammaGamma.fit(cohort), GammaGamma.fitGroups(spend));
  }

  @Test
  void customersSharingASummaryFitAsOneGroupCountedOncePerCustomer() {
    Map<List<Double>, Long> counts = new LinkedHashMap<>();
    for (PurchaseHistory c : cohort.customers()) {
      counts.merge(List.of((double) c.repeatPurchases(), c.recency(), c.age()), 1L, Long::sum);
    }
    List<BgNbd.Group> groups = new ArrayList<>();
    counts.forEach((s, n) -> groups.add(new BgNbd.Group(s.get(0).intValue(), s.get(1), s.get(2), n)));
    BgNbd each = BgNbd.fit(cohort);
    BgNbd grouped = BgNbd.fitGroups(groups);

    assertTrue(groups.size() < cohort.customers().size() / 2, groups.size() + " groups");
    assertEquals(each.customers(), grouped.customers());
    assertEquals(each.logLikelihood(), grouped.logLikelihood(), 1e-6);
    // The same likelihood, summed in another order: rounding moves where the maximiser stops on the
    // flat top by about 1e-6 of a parameter (here 1.1e-6 for a), so parameters agree to 1e-5.
    for (double[] pair : new double[][] {{each.r(), grouped.r()}, {each.alpha(), grouped.alpha()},
        {each.a(), grouped.a()}, {each.b(), grouped.b()}}) {
      assertEquals(pair[0], pair[1], 1e-5 * pair[0]);
    }
  }

  @Test
  void aGroupMustHoldACustomer() {
    assertThrows(IllegalArgumentException.class, () -> new BgNbd.Group(1, 2, 3, 0));
    assertThrows(IllegalArgumentException.class, () -> new GammaGamma.Group(1, 20, 0));
    assertThrows(IllegalArgumentException.class, () -> new BgNbd.Group(0, 2, 3, 1), "without repeats recency is 0");
  }
}
