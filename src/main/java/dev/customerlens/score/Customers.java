package dev.customerlens.score;

import dev.customerlens.data.Field;
import dev.customerlens.data.SkippedRow;
import java.util.List;

/**
 * A validated customer file as primitive columns: per row an id, the line it was read from and one
 * dictionary code per schema field; per field the distinct parsed values the codes stand for (as
 * {@code CellParser} returns them: String, Integer, Double or Boolean, null when blank).
 */
record Customers(String source, int rows, Ids ids, Lines lines, Codes[] codes, List<List<Object>> values,
    List<SkippedRow> skipped) {

  Codes codes(Field field) {
    return codes[field.ordinal()];
  }

  List<Object> values(Field field) {
    return values.get(field.ordinal());
  }
}
