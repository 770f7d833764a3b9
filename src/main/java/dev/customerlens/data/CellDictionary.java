package dev.customerlens.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct raw texts of one column met in one part of a file, each decoded and checked by
 * {@link CellParser} once: a column of millions of cells usually holds a few dozen distinct texts,
 * so every later cell costs a hash probe instead of a parse. Not thread-safe: one per part.
 */
final class CellDictionary {
  static final String NOT_UTF8_MESSAGE = "holds bytes that are not UTF-8 text; save the file as UTF-8";

  private final Field field;
  private int[] slots = new int[64];
  private int[] entryHash = new int[32];
  private long[] entryHead = new long[32];
  private long[] entryTail = new long[32];
  private int[] entryStart = new int[32];
  private int[] entryLength = new int[32];
  private int[] entryCode = new int[32];
  private byte[] keys = new byte[256];
  private int entries;
  private int keySize;

  private final List<Object> values = new ArrayList<>();
  private final Map<Object, Integer> codeOfValue = new HashMap<>();
  private final List<String> problemRaw = new ArrayList<>();
  private final List<String> problemMessage = new ArrayList<>();

  /** @param field whose {@link CellParser} rules check each cell; null for a column outside the schema, read as text (typed later by {@link ExtraColumn}) */
  CellDictionary(Field field) {
    this.field = field;
  }

  /** The code of a missing value, for a column the file lacks. */
  int missing() {
    return codeOfValue.computeIfAbsent(null, v -> {
      values.add(null);
      return values.size() - 1;
    });
  }

  /** The value code of the cell {@code src[off, off + len)}, or {@code -1 - problem} when the cell is invalid. */
  int code(byte[] src, int off, int len) {
    return code(src, off, len, len > 8 ? head(src, off) : 0, tail(src, off, len));
  }

  /**
   * The same, with the cell's {@link #head} and {@link #tail} already known: the parser folds the
   * tail while it scans, so a cell's bytes are read once. With the length they identify cells of up
   * to sixteen bytes; longer ones are also compared byte by byte.
   */
  int code(byte[] src, int off, int len, long head, long tail) {
    long mixed = (head * 0x9E3779B97F4A7C15L + tail) * 0xC2B2AE3D27D4EB4FL + len;
    int hash = (int) (mixed ^ (mixed >>> 29));
    int mask = slots.length - 1;
    for (int slot = (hash ^ (hash >>> 16)) & mask; ; slot = (slot + 1) & mask) {
      int entry = slots[slot] - 1;
      if (entry < 0) return add(src, off, len, hash, head, tail, slot);
      if (entryTail[entry] == tail && entryLength[entry] == len && entryHead[entry] == head
          && (len <= 16 || same(entryStart[entry], src, off, len))) {
        return entryCode[entry];
      }
    }
  }

  /** The first eight bytes, most significant first. */
  static long head(byte[] src, int off) {
    long word = 0;
    for (int i = off; i < off + 8; i++) word = (word << 8) | (src[i] & 0xFF);
    return word;
  }

  /** The last eight bytes (all of a shorter cell), most significant first, as the parser folds them. */
  static long tail(byte[] src, int off, int len) {
    long word = 0;
    for (int i = Math.max(off, off + len - 8); i < off + len; i++) word = (word << 8) | (src[i] & 0xFF);
    return word;
  }

  /** Byte by byte, for the rare cell longer than sixteen bytes. */
  private boolean same(int start, byte[] src, int off, int len) {
    byte[] k = keys;
    for (int i = 0; i < len; i++) if (k[start + i] != src[off + i]) return false;
    return true;
  }

  private int add(byte[] src, int off, int len, int hash, long head, long tail, int slot) {
    String raw = new String(src, off, len, StandardCharsets.UTF_8);
    int code;
    if (field == null) {
      code = codeOfValue.computeIfAbsent(raw, v -> {
        values.add(v);
        return values.size() - 1;
      });
    } else if (raw.indexOf('\uFFFD') >= 0) {
      code = problem(raw, NOT_UTF8_MESSAGE);
    } else {
      try {
        Object value = CellParser.parse(field, raw);
        code = codeOfValue.computeIfAbsent(value, v -> {
          values.add(v);
          return values.size() - 1;
        });
      } catch (IllegalArgumentException bad) {
        code = problem(raw, bad.getMessage());
      }
    }
    if (entries == entryHash.length) {
      int grown = entries * 2;
      entryHash = Arrays.copyOf(entryHash, grown);
      entryHead = Arrays.copyOf(entryHead, grown);
      entryTail = Arrays.copyOf(entryTail, grown);
      entryStart = Arrays.copyOf(entryStart, grown);
      entryLength = Arrays.copyOf(entryLength, grown);
      entryCode = Arrays.copyOf(entryCode, grown);
    }
    if (keySize + len > keys.length) keys = Arrays.copyOf(keys, Math.max(keys.length * 2, keySize + len));
    System.arraycopy(src, off, keys, keySize, len);
    entryHash[entries] = hash;
    entryHead[entries] = head;
    entryTail[entries] = tail;
    entryStart[entries] = keySize;
    entryLength[entries] = len;
    entryCode[entries] = code;
    keySize += len;
    slots[slot] = ++entries;
    if (entries * 2 > slots.length) rehash();
    return code;
  }

  private int problem(String raw, String message) {
    problemRaw.add(raw);
    problemMessage.add(message);
    return -problemRaw.size();
  }

  private void rehash() {
    slots = new int[slots.length * 2];
    int mask = slots.length - 1;
    for (int e = 0; e < entries; e++) {
      int h = entryHash[e];
      int slot = (h ^ (h >>> 16)) & mask;
      while (slots[slot] != 0) slot = (slot + 1) & mask;
      slots[slot] = e + 1;
    }
  }

  /** The raw text of an invalid cell, as the file holds it. */
  String problemRaw(int code) {
    return problemRaw.get(-1 - code);
  }

  String problemMessage(int code) {
    return problemMessage.get(-1 - code);
  }

  /** Parsed values by code: String, Integer, Double or Boolean as {@link CellParser} returns them; null when blank. */
  List<Object> values() {
    return values;
  }
}
