package dev.customerlens.persona;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.customerlens.bench.DuckDbProfiles;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The persona summary's counting query, run by a real SQL engine (DuckDB) on a few rows worked out by hand. */
class PersonaCellsTest {
  private static final PersonaRules RULES = PersonaRules.of(List.of(
      PersonaRule.of("Loyal", "Buys often", "age > 200"), PersonaRule.of("Bargain", "Waits for sales", "age > 200")),
      new Persona("Other", "Everyone else", List.of()));

  @Test
  void aCustomerTablesSummaryIsWorkedOutFromTheQuerysCounts() throws SQLException {
    PersonaCells cells = run("CREATE TABLE t (persona VARCHAR, age_band VARCHAR, category VARCHAR, gender VARCHAR, "
        + "location VARCHAR, amount DOUBLE, purchases_per_year DOUBLE, rating DOUBLE, age BIGINT)",
        "INSERT INTO t VALUES ('Loyal', '25-34', 'Shoes', 'Female', 'Ohio', 10, 2, 4.0, 30), "
            + "('Loyal', '25-34', 'Bags', 'Male', 'Ohio', 30, 4, NULL, 32), "
            + "('Loyal', '65+', 'Shoes', 'Female', 'Iowa', 20, 6, 3.0, 70), "
            + "('Bargain', '25-34', '', 'Male', 'Utah', 40, 1, 5.0, 28)");
    List<PersonaSummary.Line> lines = cells.summary(RULES);

    PersonaSummary.Line loyal = lines.get(0);
    assertEquals("Loyal", loyal.persona());
    assertEquals(3, loyal.customers());
    assertEquals(75.0, loyal.sharePct(), "3 of 4 customers");
    assertEquals(20.0, loyal.avgAmount());
    assertEquals(60.0, loyal.totalAmount(), "no spend column: the order amounts");
    assertEquals(4.0, loyal.avgPurchasesPerYear());
    assertEquals(3.5, loyal.avgRating(), "over the two who rated");
    assertEquals(44.0, loyal.avgAge());
    assertEquals("25-34 67%, 65+ 33%", loyal.ageBands());
    assertEquals("Female 67%, Male 33%", loyal.genderSplit());
    assertEquals("Ohio 67%, Iowa 33%", loyal.topLocations());
    assertEquals("Shoes 67%, Bags 33%", loyal.topCategories());

    PersonaSummary.Line bargain = lines.get(1);
    assertEquals(1, bargain.customers());
    assertEquals(25.0, bargain.sharePct());
    assertEquals("", bargain.topCategories(), "a blank category is left out");

    PersonaSummary.Line other = lines.get(2);
    assertEquals("Other", other.persona(), "the fallback last, with no customers");
    assertEquals(0, other.customers());
    assertEquals(Double.NaN, other.avgAmount());

    assertEquals(Map.of(List.of("Loyal", "25-34", "Shoes"), 1L, List.of("Loyal", "25-34", "Bags"), 1L,
        List.of("Loyal", "65+", "Shoes"), 1L, List.of("Bargain", "25-34", ""), 1L), cells.byBandAndCategory());
  }

  @Test
  void aLogsCustomersSpendIsTheirTotalAndTheirCountryTheirLocation() throws SQLException {
    PersonaCells cells = run("CREATE TABLE t (persona VARCHAR, spend DOUBLE, country VARCHAR)",
        "INSERT INTO t VALUES ('Loyal', 100, 'France'), ('Loyal', 50, 'Spain'), ('Loyal', 30, 'France')");
    PersonaSummary.Line loyal = cells.summary(RULES).get(0);
    assertEquals(180.0, loyal.totalAmount());
    assertEquals("France 67%, Spain 33%", loyal.topLocations());
    assertEquals(Double.NaN, loyal.avgAge(), "no age column: missing, not zero");
    assertEquals("", loyal.genderSplit());
  }

  private static PersonaCells run(String create, String insert) throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
      s.execute(create);
      s.execute(insert);
      return DuckDbProfiles.cells(s, "t");
    }
  }
}
