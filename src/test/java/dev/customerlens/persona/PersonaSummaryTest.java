package dev.customerlens.persona;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PersonaSummaryTest {
  @Test
  void aLineIsWorkedOutFromTheCountsEveryEngineGathers() {
    // 4 of 10 customers; two of them rated (3 and 4); spend differs from the order amount, as in a log.
    PersonaSummary.Counts counts = new PersonaSummary.Counts(4, new PersonaSummary.Mean(100, 4),
        new PersonaSummary.Mean(250, 4), new PersonaSummary.Mean(26, 4), new PersonaSummary.Mean(7, 2),
        new PersonaSummary.Mean(170, 4), Map.of("25-34", 3L, "65+", 1L), Map.of("Female", 2L, "Male", 2L),
        Map.of("Ohio", 1L, "Maine", 1L, "Iowa", 1L, "Utah", 1L), Map.of("Shoes", 2L, "Bags", 1L, "", 1L));
    PersonaSummary.Line line = PersonaSummary.line("Loyal", "Buys often", counts, 10);
    assertEquals(40.0, line.sharePct());
    assertEquals(25.0, line.avgAmount());
    assertEquals(250.0, line.totalAmount(), "mean spend times customers");
    assertEquals(6.5, line.avgPurchasesPerYear());
    assertEquals(3.5, line.avgRating(), "over the customers who rated");
    assertEquals(42.5, line.avgAge());
    assertEquals("25-34 75%, 65+ 25%", line.ageBands());
    assertEquals("Female 50%, Male 50%", line.genderSplit(), "ties by name");
    assertEquals("Iowa 25%, Maine 25%, Ohio 25%", line.topLocations(), "the top three");
    assertEquals("Shoes 67%, Bags 33%", line.topCategories(), "blanks left out of the shares");
  }

  @Test
  void aPersonaWithoutCustomersHasNoFiguresButItsShare() {
    PersonaSummary.Line line = PersonaSummary.line("Empty", "", PersonaSummary.Counts.NONE, 10);
    assertEquals(0, line.customers());
    assertEquals(0.0, line.sharePct());
    assertEquals(Double.NaN, line.avgAmount());
    assertEquals(Double.NaN, line.totalAmount());
    assertEquals("", line.topCategories());
  }
}
