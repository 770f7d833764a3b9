package dev.customerlens.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.score.ColumnarProfiles;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StabilityTest {
  private static Stability asOf(LocalDate day, long seed) {
    return Stability.of(HandWorkedLog.log(), day, HandWorkedLog.rules(), ColumnarProfiles.ENGINE, 200, seed);
  }

  @Test
  void aPersonaEveryCustomerLeftWithinAWeekIsUnstable() {
    // As of 02-14 D had only viewed (Browser); by 02-21 D had bought (Single): Browser kept 0 of 1.
    // A stays Repeat and B Single, so both keep all their customers.
    Map<String, Stability.Persistence> kept = asOf(LocalDate.of(2024, 2, 21), 1).persistence().stream()
        .collect(Collectors.toMap(Stability.Persistence::persona, Function.identity()));
    assertEquals(new Stability.Persistence("Browser", 1, 0, 0.0, true), kept.get("Browser"));
    assertEquals(new Stability.Persistence("Repeat", 1, 1, 1.0, false), kept.get("Repeat"));
    assertEquals(new Stability.Persistence("Single", 1, 1, 1.0, false), kept.get("Single"));
  }

  @Test
  void aPersonaNobodyHadAWeekEarlierHasNoPersistenceRatherThanAPerfectOne() {
    // As of 03-03 no customer is a Browser any more (D bought on 02-20).
    Stability.Persistence browser = asOf(LocalDate.of(2024, 3, 10), 1).persistence().stream()
        .filter(p -> p.persona().equals("Browser")).findFirst().orElseThrow();
    assertNull(browser.keptShare());
    assertFalse(browser.unstable());
  }

  @Test
  void sharesComeWithASeededIntervalAroundThem() {
    // As of 03-10: A Repeat; B, C and D Single; nobody a Browser: shares 1/4, 3/4 and 0.
    Stability one = asOf(LocalDate.of(2024, 3, 10), 7);
    Map<String, Stability.Share> shares = one.shares().stream()
        .collect(Collectors.toMap(Stability.Share::persona, Function.identity()));
    assertEquals(0.25, shares.get("Repeat").share());
    assertEquals(0.75, shares.get("Single").share());
    // A persona nobody has is in no resample either.
    assertEquals(0.0, shares.get("Browser").low());
    assertEquals(0.0, shares.get("Browser").high());
    for (Stability.Share s : one.shares()) {
      assertTrue(s.low() <= s.share() && s.share() <= s.high(), s.toString());
    }
    // The same seed gives the same intervals.
    assertEquals(one.shares(), asOf(LocalDate.of(2024, 3, 10), 7).shares());
  }

  @Test
  void theIntervalIsThePercentilesOfTheResampledShares() {
    // R's type 7 on 1..5: the 2.5th percentile is 1 + 0.025 × 4 = 1.1, the 97.5th 1 + 0.975 × 4 = 4.9.
    double[] sorted = {1, 2, 3, 4, 5};
    assertEquals(1.1, Stability.percentile(sorted, 0.025), 1e-12);
    assertEquals(4.9, Stability.percentile(sorted, 0.975), 1e-12);
  }
}
