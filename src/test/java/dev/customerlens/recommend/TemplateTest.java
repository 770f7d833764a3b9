package dev.customerlens.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** Placeholders filled as a reader expects, written out by hand exactly as String.format would write them. */
class TemplateTest {
  private static String fill(String text, String column, double value) {
    return Template.compile(text, Table.create("t", DoubleColumn.create(column, value))).fill(0);
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
  }
}
