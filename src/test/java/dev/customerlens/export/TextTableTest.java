package dev.customerlens.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TextTableTest {
  private static Table customers() {
    return Table.create("customers",
        StringColumn.create("customer_id", "1", "22", "333"),
        StringColumn.create("note", "short", "a note far longer than the cell width allows", null),
        IntColumn.create("previous_purchases", 3, 1250, 0),
        DoubleColumn.create("share_pct", 15.24, 100, 0.04),
        DoubleColumn.create("churn_risk", 0.6196178663282275, 0.05, 1),
        DoubleColumn.create("clv", 999.994, 1234.5, 0),
        DoubleColumn.create("rating", 3.75, 4, Double.NaN),
        BooleanColumn.create("subscribed", true, false, true));
  }

  @Test
  void aLogsSpendReadsAsMoneyAndItsSharesAsPercentages() {
    // 1234.5 dollars of spend has no cents above $1,000; 0.125 of lines returned is 12.5%.
    assertEquals("$1,235", NumberStyle.cell(DoubleColumn.create("spend", new double[] {1234.5}), 0));
    assertEquals("12.5%", NumberStyle.cell(DoubleColumn.create("return_share", new double[] {0.125}), 0));
    // A percentile is a measure, even of spend.
    assertEquals("87.3", NumberStyle.cell(DoubleColumn.create("spend_percentile", new double[] {87.3}), 0));
  }

  @Test
  void terminalTableContinuesColumnsThatDoNotFitBelowWithTheFirstColumnRepeated() {
    TextTable narrow = new TextTable(45, 100, 12, true, Integer.MAX_VALUE);
    assertEquals("""
        customers: 3 rows, 8 columns
        customer_id  note          previous_purchases
        -----------  ------------  ------------------
        1            short                          3
        22           a note fa...               1,250
        333                                         0
        customer_id  share_pct  churn_risk      clv
        -----------  ---------  ----------  -------
        1                15.2%       62.0%  $999.99
        22              100.0%        5.0%   $1,235
        333               0.0%      100.0%    $0.00
        customer_id  rating  subscribed
        -----------  ------  ----------
        1               3.8  Yes
        22              4.0  No
        333                  Yes""", narrow.render(customers()));
  }

  @Test
  void previewShowsTheFirstRowsAndNamesTheColumnsThatDidNotFit() {
    TextTable preview = new TextTable(45, 2, 12, false, 1000);
    assertEquals("""
        customers: 3 rows, 8 columns
        customer_id  note          previous_purchases
        -----------  ------------  ------------------
        1            short                          3
        22           a note fa...               1,250
        ... 1 more row
        ... 5 more columns: share_pct, churn_risk,...""", preview.render(customers()));
  }

  @Test
  void previewDropsRowsUntilTheTextFitsItsBudget() {
    Table many = Table.create("n", IntColumn.indexColumn("n", 1000, 0));
    String text = TextTable.PREVIEW.render(many);
    assertTrue(text.length() <= 950, text);
    assertTrue(text.endsWith("\n9\n... 990 more rows"), text);
  }

  @Test
  void proseWrapsBetweenWordsKeepingAlignedSpaces() {
    assertEquals("""
        INFO   KIND  one two three
                     four five""", TextTable.wrap("INFO   KIND  one two three four five", 27, " ".repeat(13)));
    assertEquals("  short line", TextTable.wrap("  short line", 100, "    "));
    assertEquals("a\n  unbreakable-word", TextTable.wrap("a unbreakable-word", 5, "  "));
  }

  @Test
  void numbersReadAsPercentMoneyCountOrMeasure() {
    assertEquals("15.2%", NumberStyle.percent(15.24));
    assertEquals("62.0%", NumberStyle.fraction(0.6196178663282275));
    assertEquals("$999.99", NumberStyle.money(999.994));
    assertEquals("$1,000", NumberStyle.money(999.995));
    assertEquals("$34,265", NumberStyle.money(34265.2));
    assertEquals("1,250", NumberStyle.count(1250));
    assertEquals("68.7", NumberStyle.measure(68.66666666666667));
  }
}
