package dev.customerlens.data;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.strings.DictionaryMap;
import tech.tablesaw.columns.strings.NullDictionaryMap;

/**
 * Rows grouped by the texts of a few columns (persona, age band, category), each group a number:
 * the texts of each column are numbered in the order first met, so a million rows are counted and
 * looked up without a key object per row.
 *
 * @param names each column's texts, in the order first met
 * @param ofRow each row's group: the columns' numbers combined, the last column varying fastest
 */
public record Cells(List<List<String>> names, int[] ofRow) {
  public static Cells of(StringColumn... columns) {
    int rows = columns.length == 0 ? 0 : columns[0].size();
    int[] ofRow = new int[rows];
    List<List<String>> names = new ArrayList<>();
    for (StringColumn column : columns) {
      List<String> seen = new ArrayList<>();
      int[] code = column.getDictionary() instanceof NullDictionaryMap ? numberTexts(column, seen)
          : numberKeys(column.getDictionary(), seen);
      for (int i = 0; i < rows; i++) ofRow[i] = ofRow[i] * seen.size() + code[i];
      names.add(List.copyOf(seen));
    }
    return new Cells(names, ofRow);
  }

  /** Each row's number by the key of its text in the column's dictionary, one text per key. */
  private static int[] numberKeys(DictionaryMap dictionary, List<String> seen) {
    int[] code = new int[dictionary.size()];
    Int2IntOpenHashMap numberOfKey = new Int2IntOpenHashMap();
    numberOfKey.defaultReturnValue(-1);
    for (int i = 0; i < code.length; i++) {
      int key = dictionary.getKeyForIndex(i);
      int number = numberOfKey.get(key);
      if (number < 0) {
        number = seen.size();
        seen.add(dictionary.getValueForKey(key));
        numberOfKey.put(key, number);
      }
      code[i] = number;
    }
    return code;
  }

  /** The same for a column Tablesaw holds without a dictionary (mostly distinct texts, past 65,535). */
  private static int[] numberTexts(StringColumn column, List<String> seen) {
    Map<String, Integer> number = new HashMap<>();
    int[] code = new int[column.size()];
    for (int i = 0; i < code.length; i++) {
      code[i] = number.computeIfAbsent(column.get(i), text -> {
        seen.add(text);
        return seen.size() - 1;
      });
    }
    return code;
  }

  /** Age bands where the customers have ages; one band for all where they do not (a log's customers). */
  public static StringColumn ageBands(Table features) {
    if (features.containsColumn(Features.AGE_BAND)) return features.stringColumn(Features.AGE_BAND);
    return CodedColumns.text(Features.AGE_BAND, features.rowCount(), 1, row -> 0, code -> "");
  }

  /** How many groups there can be: the product of the columns' numbers of texts. */
  public int size() {
    int size = 1;
    for (List<String> texts : names) size *= texts.size();
    return size;
  }

  /** Rows per group. */
  public long[] counts() {
    long[] counts = new long[size()];
    for (int cell : ofRow) counts[cell]++;
    return counts;
  }

  /** The texts of group {@code cell}, one per column. */
  public List<String> key(int cell) {
    String[] key = new String[names.size()];
    for (int c = names.size() - 1; c >= 0; c--) {
      key[c] = names.get(c).get(cell % names.get(c).size());
      cell /= names.get(c).size();
    }
    return List.of(key);
  }
}
