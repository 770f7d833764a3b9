package dev.customerlens.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Customer ids, one per row, without a String each: plain whole numbers (the usual case) as longs,
 * anything else as UTF-8 bytes in one shared array. A column switches to bytes at the first id that
 * is not a plain number, so "007" stays "007".
 */
public final class Ids {
  private long[] numbers;
  private byte[] text;
  private int[] ends;
  private int textSize;
  private int size;

  Ids(int capacity) {
    numbers = new long[Math.max(16, capacity)];
  }

  private Ids(long[] numbers, byte[] text, int[] ends, int textSize, int size) {
    this.numbers = numbers;
    this.text = text;
    this.ends = ends;
    this.textSize = textSize;
    this.size = size;
  }

  public int size() {
    return size;
  }

  public boolean numeric() {
    return numbers != null;
  }

  /** The long storage while every id is a plain number; read-only. */
  public long[] numbers() {
    return numbers;
  }

  void add(long id) {
    if (numbers == null) {
      add(Long.toString(id).getBytes(StandardCharsets.US_ASCII));
      return;
    }
    if (size == numbers.length) numbers = Arrays.copyOf(numbers, size + (size >> 1) + 16);
    numbers[size++] = id;
  }

  void add(byte[] utf8) {
    if (numbers != null) toText();
    if (size == ends.length) ends = Arrays.copyOf(ends, size + (size >> 1) + 16);
    if (textSize + utf8.length > text.length) text = Arrays.copyOf(text, Math.max(textSize + utf8.length, text.length * 2));
    System.arraycopy(utf8, 0, text, textSize, utf8.length);
    textSize += utf8.length;
    ends[size++] = textSize;
  }

  private void toText() {
    long[] old = numbers;
    numbers = null;
    text = new byte[Math.max(64, size * 8)];
    ends = new int[Math.max(16, old.length)];
    int n = size;
    size = 0;
    for (int i = 0; i < n; i++) add(Long.toString(old[i]).getBytes(StandardCharsets.US_ASCII));
  }

  public String get(int row) {
    if (numbers != null) return Long.toString(numbers[row]);
    int start = row == 0 ? 0 : ends[row - 1];
    return new String(text, start, ends[row] - start, StandardCharsets.UTF_8);
  }

  /** 64-bit hash of the id's text, equal for equal ids. */
  long hash(int row) {
    if (numbers != null) return mix(numbers[row]);
    int start = row == 0 ? 0 : ends[row - 1];
    long h = 1125899906842597L;
    for (int i = start; i < ends[row]; i++) h = 31 * h + text[i];
    return mix(h);
  }

  private static long mix(long x) {
    x ^= x >>> 33;
    x *= 0xff51afd7ed558ccdL;
    x ^= x >>> 33;
    x *= 0xc4ceb9fe1a85ec53L;
    return x ^ (x >>> 33);
  }

  static Ids concat(Ids[] parts) {
    int total = 0;
    boolean numeric = true;
    for (Ids part : parts) {
      total += part.size;
      numeric &= part.numeric();
    }
    if (numeric) {
      long[] out = new long[total];
      int at = 0;
      for (Ids part : parts) {
        System.arraycopy(part.numbers, 0, out, at, part.size);
        at += part.size;
      }
      return new Ids(out, null, null, 0, total);
    }
    Ids out = new Ids(0);
    out.toText();
    for (Ids part : parts) {
      for (int i = 0; i < part.size; i++) {
        if (part.numeric()) out.add(Long.toString(part.numbers[i]).getBytes(StandardCharsets.US_ASCII));
        else out.add(Arrays.copyOfRange(part.text, i == 0 ? 0 : part.ends[i - 1], part.ends[i]));
      }
    }
    return out;
  }

  Ids keep(boolean[] keep, int kept) {
    Ids out = new Ids(kept);
    if (!numeric()) out.toText();
    for (int i = 0; i < size; i++) {
      if (!keep[i]) continue;
      if (numeric()) out.add(numbers[i]);
      else out.add(Arrays.copyOfRange(text, i == 0 ? 0 : ends[i - 1], ends[i]));
    }
    return out;
  }
}
