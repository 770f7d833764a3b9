package dev.customerlens.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.strings.ByteDictionaryMap;

class CodedColumnsTest {
  /** Codes 0..4; code 3 reads the same text as code 1, code 4 is missing (null) and code 2 is empty. */
  private static final List<String> TEXTS = Arrays.asList("Winter", "Spring", "", "Spring", null);
  private static final int[] ROWS = {1, 4, 0, 3, 2, 1, 0, 4};

  @Test
  void aColumnLaidOutFromCodesIsTheColumnAppendingItsTextsWouldMake() {
    StringColumn fromCodes = CodedColumns.text("season", ROWS.length, TEXTS.size(), r -> ROWS[r], TEXTS::get);
    StringColumn appended = appended("season", ROWS, TEXTS);

    assertInstanceOf(ByteDictionaryMap.class, fromCodes.getDictionary());
    // Same keys in order of first appearance, counts, next key and values: Tablesaw's own equality.
    assertEquals(appended.getDictionary(), fromCodes.getDictionary());
    assertEquals(List.of("Spring", "", "Winter", "Spring", "", "Spring", "Winter", ""), fromCodes.asList());
    assertEquals(3, fromCodes.countMissing());
    assertEquals(appended.countByCategory().printAll(), fromCodes.countByCategory().printAll());
    assertEquals(appended.unique().asList(), fromCodes.unique().asList());
  }

  @Test
  void appendingAndSettingAfterwardsWorkAsOnAnAppendedColumn() {
    StringColumn fromCodes = CodedColumns.text("season", ROWS.length, TEXTS.size(), r -> ROWS[r], TEXTS::get);
    StringColumn appended = appended("season", ROWS, TEXTS);
    for (StringColumn column : List.of(fromCodes, appended)) {
      column.append("Summer").append("Winter").appendMissing().set(0, "Autumn");
    }
    assertEquals(appended.getDictionary(), fromCodes.getDictionary());
    assertEquals(List.of("Autumn", "", "Winter", "Spring", "", "Spring", "Winter", "", "Summer", "Winter", ""),
        fromCodes.asList());
  }

  @Test
  void moreTextsThanTheOneByteDictionaryHoldsAreAppended() {
    int codes = 300;
    int[] rows = new int[2 * codes];
    for (int r = 0; r < rows.length; r++) rows[r] = (r * 7) % codes;
    List<String> texts = java.util.stream.IntStream.range(0, codes).mapToObj(c -> "item " + c).toList();
    StringColumn fromCodes = CodedColumns.text("item", rows.length, codes, r -> rows[r], texts::get);
    StringColumn appended = appended("item", rows, texts);
    assertTrue(!(fromCodes.getDictionary() instanceof ByteDictionaryMap), "promoted past one byte");
    assertEquals(appended.getDictionary(), fromCodes.getDictionary());
    assertEquals(appended.asList(), fromCodes.asList());
  }

  @Test
  void aYesNoColumnLaidOutFromCodesReadsAsAppendedAndTakesMoreRows() {
    List<Boolean> values = Arrays.asList(true, null, false);
    int[] rows = {2, 0, 1, 0, 2, 1, 0};
    BooleanColumn fromCodes = CodedColumns.yesNo("subscribed", rows.length, values.size(), r -> rows[r], values::get);
    BooleanColumn appended = BooleanColumn.create("subscribed");
    for (int code : rows) {
      if (values.get(code) == null) appended.appendMissing();
      else appended.append(values.get(code));
    }
    assertEquals(Arrays.asList(false, true, null, true, false, null, true), fromCodes.asList());
    assertEquals(appended.asList(), fromCodes.asList());
    assertEquals(2, fromCodes.countMissing());
    assertEquals(3, fromCodes.countTrue());
    assertEquals(appended.isMissing().size(), fromCodes.isMissing().size());
    fromCodes.append(false).appendMissing().set(2, true);
    assertEquals(Arrays.asList(false, true, true, true, false, null, true, false, null), fromCodes.asList());
  }

  private static StringColumn appended(String name, int[] rows, List<String> texts) {
    StringColumn out = StringColumn.create(name);
    for (int code : rows) out.append(texts.get(code));
    return out;
  }
}
