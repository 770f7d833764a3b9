package dev.customerlens.events;

/**
 * The invoice lines seen so far, kept as 64-bit fingerprints in one open-addressing table: 16 bytes
 * a line where the lines' text would take some 180, so a ten-million-line log is checked for exact
 * duplicates in 160 MB. Two different lines share a fingerprint with odds of about n²/2⁶⁵ (3 in a
 * million for ten million lines), which would count one real line as a duplicate.
 */
final class LineFingerprints {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private long[] slots = new long[1 << 12];
  private int size;

  /** The fingerprint of a line given as its fields; a field separator keeps "ab","c" apart from "a","bc". */
  static long of(String... fields) {
    long h = FNV_OFFSET;
    for (String field : fields) {
      for (int i = 0; i < field.length(); i++) h = (h ^ field.charAt(i)) * FNV_PRIME;
      h = (h ^ 0x1F) * FNV_PRIME;
    }
    // Murmur3's finaliser spreads FNV's weak low bits over the whole word before the table masks them.
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h == 0 ? 1 : h;
  }

  /** Adds a fingerprint; false when it was there already (the line is a duplicate). */
  boolean add(long fingerprint) {
    if (2 * (size + 1) > slots.length) grow();
    if (!insert(slots, fingerprint)) return false;
    size++;
    return true;
  }

  private static boolean insert(long[] table, long fingerprint) {
    int mask = table.length - 1;
    for (int i = (int) fingerprint & mask; ; i = (i + 1) & mask) {
      if (table[i] == 0) {
        table[i] = fingerprint;
        return true;
      }
      if (table[i] == fingerprint) return false;
    }
  }

  private void grow() {
    long[] bigger = new long[slots.length * 2];
    for (long fingerprint : slots) if (fingerprint != 0) insert(bigger, fingerprint);
    slots = bigger;
  }
}
