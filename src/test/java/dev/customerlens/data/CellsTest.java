package dev.customerlens.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.strings.NullDictionaryMap;

class CellsTest {
  @Test
  void rowsAreGroupedByTheirTextsNumberedInTheOrderFirstMet() {
    StringColumn persona = StringColumn.create("persona", "Saver", "Loyal", "Saver", "Loyal", "Saver");
    StringColumn category = StringColumn.create("category", "Shoes", "", "Bags", "", "Shoes");
    Cells cells = Cells.of(persona, category);
    assertEquals(List.of(List.of("Saver", "Loyal"), List.of("Shoes", "", "Bags")), cells.names());
    // Saver=0, Loyal=1; Shoes=0, (missing)=1, Bags=2: the last column varies fastest.
    assertArrayEquals(new int[] {0, 4, 2, 4, 0}, cells.ofRow());
    assertArrayEquals(new long[] {2, 0, 1, 0, 2, 0}, cells.counts());
    assertEquals(List.of("Loyal", ""), cells.key(4));
  }

  @Test
  void aColumnTablesawHoldsWithoutADictionaryIsGroupedTheSameWay() {
    int rows = 140_000;
    String[] ids = new String[rows];
    for (int i = 0; i < rows; i++) ids[i] = "c" + i % 70_000;
    StringColumn column = StringColumn.create("id", ids);
    assertInstanceOf(NullDictionaryMap.class, column.getDictionary(),
        "mostly distinct past 65,535 texts, Tablesaw keeps no dictionary");
    Cells cells = Cells.of(column);
    assertEquals(70_000, cells.names().get(0).size());
    assertEquals(0, cells.ofRow()[70_000]);
    assertEquals(69_999, cells.ofRow()[rows - 1]);
    assertEquals(List.of("c69999"), cells.key(69_999));
  }
}
