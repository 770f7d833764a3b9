package dev.customerlens.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** Placeholders filled as a reader expects, written out by hand exactly as String.format would write them. */
class TemplateTest {
  private static String fill(String text, String column, double value) {
    return Template.of(text).bind(Table.create("t", DoubleColumn.create(column, value))).apply(0);
  }

  @Test
  void moneyHasThousandsSeparatorsAndCentsRoundedHalfUpAsFormatDoes() {
    assertEquals("Spend $2.68 more", fill("Spend {clv} more", "clv", 2.675));
    assertEquals("$1,234,567.13", fill("{clv}", "clv", 1234567.125));
    assertEquals("$999.00", fill("{amount}", "amount", 998.995));
    assertEquals("$0.00", fill("{spend}", "spend", 0));
    assertEquals(String.format(java.util.Locale.ROOT, "$%,.2f", -5.0), fill("{clv}", "clv", -5));
  }

  @Test
  void sharesAreWholePercentagesRoundedHalfUp() {
    assertEquals("13% likely", fill("{churn_risk} likely", "churn_risk", 0.125));
    assertEquals("0%", fill("{purchase_probability}", "purchase_probability", 0.0049));
    assertEquals("100%", fill("{p_active}", "p_active", 0.9951));
    java.util.Random random = new java.util.Random(5);
    for (int i = 0; i < 100_000; i++) {
      double share = i % 2 == 0 ? random.nextDouble() : Math.round(random.nextDouble() * 2000) / 2000.0;
      assertEquals(new java.math.BigDecimal(Double.toString(100 * share)).setScale(0, java.math.RoundingMode.HALF_UP)
          + "%", fill("{churn_risk}", "churn_risk", share), "share " + share);
    }
  }

  @Test
  void otherNumbersAreWholeOrHaveOneDecimalRoundedHalfUp() {
    assertEquals("rated 3.3", fill("rated {rating}", "rating", 3.25));
    assertEquals("4.0 a year", fill("{purchases_per_year} a year", "purchases_per_year", 3.95));
    assertEquals("12 a year", fill("{purchases_per_year} a year", "purchases_per_year", 12));
    assertEquals(String.format(java.util.Locale.ROOT, "%.1f", -2.25), fill("{rating}", "rating", -2.25));
    java.util.Random random = new java.util.Random(3);
    for (int i = 0; i < 100_000; i++) {
      double x = Math.round(random.nextDouble() * 1e6) / 1000.0 + (i % 2 == 0 ? 0.05 : 0);
      if (x == Math.rint(x)) continue;
      assertEquals(String.format(java.util.Locale.ROOT, "%.1f", x), fill("{rating}", "rating", x), "value " + x);
    }
  }

  @Test
  void everyEngineSeesTheSamePartsAndJavaEnginesShowMissingAndYesNoTheSameWay() {
    Template template = Template.of("Offer {category} to {subscription_status} ({category})");
    assertEquals(java.util.List.of("category", "subscription_status"), template.distinctColumns());
    String compiled = template.compile(new Template.Engine<String>() {
      public String literal(String text) {
        return "'" + text + "'";
      }

      public String column(String name) {
        return "<" + name + ">";
      }

      public String concat(java.util.List<String> parts) {
        return String.join("+", parts);
      }
    });
    assertEquals("'Offer '+<category>+' to '+<subscription_status>+' ('+<category>+')'", compiled);
    java.util.Map<String, Object> row = new java.util.HashMap<>();
    row.put("category", "Shoes");
    row.put("subscription_status", true);
    assertEquals("Offer Shoes to Yes (Shoes)", template.fill(row::get));
    row.put("category", "");
    row.put("subscription_status", null);
    assertEquals("Offer unknown to unknown (unknown)", template.fill(row::get));
    row.put("subscription_status", false);
    assertEquals("Offer unknown to No (unknown)", template.fill(row::get));
    assertEquals("Offer {category} to {subscription_status} ({category})", template.text());
  }
}
