package dev.customerlens.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtraColumnTest {
  private static ExtraColumn.Kind kindOf(Object... texts) {
    return ExtraColumn.of(List.of("x"), List.of(Arrays.asList(texts))).get(0).kind();
  }

  @Test
  void headersBecomeSnakeCaseFeatureNamesThatClashWithNoOtherFeature() {
    assertEquals(List.of("loyalty_tier", "store_visits", "preferred_payment_method", "c_2024_spend", "column"),
        ExtraColumn.keys(List.of("Loyalty Tier", "storeVisits", "Preferred_Payment_Method", "2024 spend ($)", "%%")));
    // "Age" and "age band" are taken by the schema and its derived features; the second "Tier" by the first.
    assertEquals(List.of("age_extra", "age_band_extra", "tier", "tier_extra", "tier_extra_2"),
        ExtraColumn.keys(List.of("Age", "Age Band", "Tier", "tier", "TIER")));
  }

  @Test
  void aColumnIsANumberOrYesNoOnlyIfEveryFilledCellIsOne() {
    assertEquals(ExtraColumn.Kind.NUMBER, kindOf("3", " 4.5 ", "", null, "-2e3"));
    assertEquals(ExtraColumn.Kind.YES_NO, kindOf("Yes", "no", ""));
    assertEquals(ExtraColumn.Kind.TEXT, kindOf("3", "three"));
    assertEquals(ExtraColumn.Kind.TEXT, kindOf("Yes", "1"));
    assertEquals(ExtraColumn.Kind.TEXT, kindOf("", null), "a column with no values stays text");
  }

  @Test
  void cellsAreTypedByTheirColumnAndBlanksAreMissing() {
    ExtraColumn visits = new ExtraColumn("Visits", "visits", ExtraColumn.Kind.NUMBER);
    assertEquals(4.5, visits.value(" 4.5"));
    assertNull(visits.value("  "));
    ExtraColumn opted = new ExtraColumn("Opted", "opted", ExtraColumn.Kind.YES_NO);
    assertEquals(Boolean.TRUE, opted.value("YES"));
    assertEquals(Boolean.FALSE, opted.value("No"));
    ExtraColumn tier = new ExtraColumn("Tier", "tier", ExtraColumn.Kind.TEXT);
    assertEquals("Gold", tier.value("Gold"));
    assertNull(tier.value(""));
  }
}
