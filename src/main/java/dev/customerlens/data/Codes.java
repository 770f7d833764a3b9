package dev.customerlens.data;

import java.util.Arrays;

/**
 * One small integer per row: a dictionary code. Stored one byte a row while codes fit, four bytes
 * once a column has more than 255 distinct values, so typical columns cost a byte per customer.
 */
public final class Codes {
  private static final int BYTE_LIMIT = 255;

  private byte[] bytes;
  private int[] ints;
  private int size;

  Codes(int capacity) {
    bytes = new byte[Math.max(16, capacity)];
  }

  private Codes(byte[] bytes, int[] ints, int size) {
    this.bytes = bytes;
    this.ints = ints;
    this.size = size;
  }

  /** One code per row, each below {@code distinct}: stored as bytes when they fit. */
  public static Codes of(int[] codes, int distinct) {
    if (distinct > BYTE_LIMIT + 1) return new Codes(null, codes.clone(), codes.length);
    byte[] narrow = new byte[codes.length];
    for (int i = 0; i < codes.length; i++) narrow[i] = (byte) codes[i];
    return new Codes(narrow, null, codes.length);
  }

  public int size() {
    return size;
  }

  void add(int code) {
    if (bytes != null) {
      if (code > BYTE_LIMIT) {
        widen();
        add(code);
        return;
      }
      if (size == bytes.length) bytes = Arrays.copyOf(bytes, grown(size));
      bytes[size++] = (byte) code;
    } else {
      if (size == ints.length) ints = Arrays.copyOf(ints, grown(size));
      ints[size++] = code;
    }
  }

  /** Drops the rows from {@code size} on: a row found bad after some of its cells were added. */
  void truncate(int size) {
    this.size = Math.min(this.size, size);
  }

  public int get(int row) {
    return bytes != null ? bytes[row] & 0xFF : ints[row];
  }

  /** The byte storage, or null once widened; read-only. */
  public byte[] bytes() {
    return bytes;
  }

  /** The int storage, or null while codes fit in bytes; read-only. */
  public int[] ints() {
    return ints;
  }

  private void widen() {
    ints = new int[Math.max(16, bytes.length)];
    for (int i = 0; i < size; i++) ints[i] = bytes[i] & 0xFF;
    bytes = null;
  }

  private static int grown(int size) {
    return size + (size >> 1) + 16;
  }

  /** The parts one after another, each code translated through its part's {@code remap}. */
  static Codes concat(Codes[] parts, int[][] remap, int distinct) {
    int total = 0;
    for (Codes part : parts) total += part.size;
    byte[] narrow = distinct <= BYTE_LIMIT + 1 ? new byte[total] : null;
    int[] wide = narrow == null ? new int[total] : null;
    int at = 0;
    for (int p = 0; p < parts.length; p++) {
      Codes part = parts[p];
      int[] map = remap[p];
      for (int i = 0; i < part.size; i++) {
        int code = map[part.bytes != null ? part.bytes[i] & 0xFF : part.ints[i]];
        if (narrow != null) narrow[at++] = (byte) code;
        else wide[at++] = code;
      }
    }
    return new Codes(narrow, wide, total);
  }

  /** The rows whose {@code keep} flag is set, in order. */
  Codes keep(boolean[] keep, int kept) {
    if (bytes != null) {
      byte[] out = new byte[kept];
      int at = 0;
      for (int i = 0; i < size; i++) if (keep[i]) out[at++] = bytes[i];
      return new Codes(out, null, kept);
    }
    int[] out = new int[kept];
    int at = 0;
    for (int i = 0; i < size; i++) if (keep[i]) out[at++] = ints[i];
    return new Codes(null, out, kept);
  }
}
