package dev.customerlens.data;

import it.unimi.dsi.fastutil.bytes.Byte2IntOpenHashMap;
import it.unimi.dsi.fastutil.bytes.Byte2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2ByteOpenHashMap;
import java.util.BitSet;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.booleans.BitSetBooleanData;
import tech.tablesaw.columns.strings.ByteDictionaryMap;

/**
 * Tablesaw columns laid out from dictionary codes. Appending a million texts hashes each one into
 * Tablesaw's dictionary, and setting a million yes/no cells recounts a bit set each time; a column
 * whose rows are already codes needs only its few distinct values looked at. Each column is built
 * as appending its rows in order would build it, so it behaves the same afterwards.
 */
public final class CodedColumns {
  /** Tablesaw's one-byte dictionary: keys from -127 up, 127 for a missing text, -128 meaning none. */
  private static final byte NO_KEY = Byte.MIN_VALUE;
  private static final byte MISSING = Byte.MAX_VALUE;
  private static final int BYTE_KEYS = MISSING - NO_KEY - 1;

  private CodedColumns() {}

  /**
   * The text column of {@code rows} rows whose row r reads {@code textOfCode(codeOfRow(r))}, codes below
   * {@code codes}; a null or empty text is missing. The dictionary has the keys appending would give
   * (in order of first appearance) and the same counts. Past Tablesaw's one-byte dictionary, appended.
   */
  public static StringColumn text(String name, int rows, int codes, IntUnaryOperator codeOfRow,
      IntFunction<String> textOfCode) {
    String[] text = new String[codes];
    for (int c = 0; c < codes; c++) {
      String value = textOfCode.apply(c);
      text[c] = value == null ? "" : value;
    }
    byte[] keyOfCode = new byte[codes];
    Object2ByteOpenHashMap<String> valueToKey = new Object2ByteOpenHashMap<>();
    valueToKey.defaultReturnValue(NO_KEY);
    Byte2ObjectOpenHashMap<String> keyToValue = new Byte2ObjectOpenHashMap<>();
    Byte2IntOpenHashMap keyToCount = new Byte2IntOpenHashMap();
    byte[] keys = new byte[rows];
    int last = NO_KEY;
    int[] rowsOfCode = new int[codes];
    // Codes in order of first appearance: the maps are filled in the order appending would fill them.
    int[] firstSeen = new int[codes];
    int distinct = 0;
    for (int row = 0; row < rows; row++) {
      int code = codeOfRow.applyAsInt(row);
      if (rowsOfCode[code]++ == 0) {
        firstSeen[distinct++] = code;
        byte key = text[code].isEmpty() ? MISSING : valueToKey.getByte(text[code]);
        if (key == NO_KEY) {
          if (last - NO_KEY == BYTE_KEYS) return appended(name, rows, codeOfRow, text);
          key = (byte) ++last;
        }
        keyToValue.put(key, text[code]);
        valueToKey.put(text[code], key);
        keyOfCode[code] = key;
      }
      keys[row] = keyOfCode[code];
    }
    for (int i = 0; i < distinct; i++) keyToCount.addTo(keyOfCode[firstSeen[i]], rowsOfCode[firstSeen[i]]);
    return StringColumn.createInternal(name, new ByteDictionaryMap.ByteDictionaryBuilder().setNextIndex(last)
        .setKeyToValue(keyToValue).setValueToKey(valueToKey).setKeyToCount(keyToCount).setValues(keys).build());
  }

  /** The yes/no column whose row r reads {@code valueOfCode(codeOfRow(r))}; null is missing. */
  public static BooleanColumn yesNo(String name, int rows, int codes, IntUnaryOperator codeOfRow,
      IntFunction<Boolean> valueOfCode) {
    BitSet[] rowsOf = {new BitSet(rows), new BitSet(rows), new BitSet(rows)};
    int[] setOfCode = new int[codes];
    for (int c = 0; c < codes; c++) {
      Boolean value = valueOfCode.apply(c);
      setOfCode[c] = value == null ? 2 : value ? 0 : 1;
    }
    for (int row = 0; row < rows; row++) rowsOf[setOfCode[codeOfRow.applyAsInt(row)]].set(row);
    return new BooleanColumn(name, new BitSetBooleanData(rowsOf[0], rowsOf[1], rowsOf[2]));
  }

  private static StringColumn appended(String name, int rows, IntUnaryOperator codeOfRow, String[] text) {
    String[] out = new String[rows];
    for (int row = 0; row < rows; row++) out[row] = text[codeOfRow.applyAsInt(row)];
    return StringColumn.create(name, out);
  }
}
