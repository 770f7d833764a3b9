package dev.customerlens.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class TimestampsTest {
  private static final LocalDateTime QUARTER_TO_EIGHT = LocalDateTime.of(2009, 12, 1, 7, 45);

  @Test
  void readsIsoWithTOrSpaceWithOrWithoutSeconds() {
    assertEquals(QUARTER_TO_EIGHT, Timestamps.parse("2009-12-01T07:45:00"));
    assertEquals(QUARTER_TO_EIGHT, Timestamps.parse("2009-12-01 07:45:00"));
    assertEquals(QUARTER_TO_EIGHT, Timestamps.parse("2009-12-01T07:45"));
    assertEquals(QUARTER_TO_EIGHT.withNano(500_000_000), Timestamps.parse("2009-12-01T07:45:00.5"));
  }

  @Test
  void keepsTheWallClockTimeOfAnOffset() {
    assertEquals(QUARTER_TO_EIGHT, Timestamps.parse("2009-12-01T07:45:00Z"));
    assertEquals(QUARTER_TO_EIGHT, Timestamps.parse("2009-12-01T07:45:00+05:30"));
  }

  @Test
  void readsUsDatesMonthFirst() {
    assertEquals(LocalDateTime.of(2010, 12, 1, 8, 26), Timestamps.parse("12/1/2010 8:26"));
    assertEquals(LocalDateTime.of(2010, 1, 12, 8, 26, 5), Timestamps.parse("1/12/2010 08:26:05"));
  }

  @Test
  void dateAloneIsTheStartOfTheDayWithoutATimeOfDay() {
    assertEquals(LocalDateTime.of(2024, 3, 5, 0, 0), Timestamps.parse("2024-03-05"));
    assertFalse(Timestamps.hasTimeOfDay("2024-03-05"));
    assertTrue(Timestamps.hasTimeOfDay("2024-03-05 00:00"));
  }

  @Test
  void rejectsImpossibleAndUnreadableValues() {
    for (String bad : new String[] {"2023-02-30 10:00:00", "2024-13-01T00:00", "13/1/2010 8:26", "24:00", "", "2024-03-05T25:00"}) {
      assertThrows(IllegalArgumentException.class, () -> Timestamps.parse(bad), bad);
    }
  }
}
