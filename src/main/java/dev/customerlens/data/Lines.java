package dev.customerlens.data;

import java.util.Arrays;

/**
 * The file line of each row, for messages. Rows usually sit on consecutive lines, so only the rows
 * where that breaks (after an empty line, a multi-line cell or a skipped row) are stored: a clean
 * file of millions of rows costs a few bytes, not four per row.
 */
public final class Lines {
  private int[] rows = new int[16];
  private int[] lines = new int[16];
  private int size;
  private int count;

  /** Adds the next row, read from {@code line}. */
  void add(int line) {
    if (size == 0 || lines[size - 1] + (count - rows[size - 1]) != line) {
      if (size == rows.length) {
        rows = Arrays.copyOf(rows, size * 2);
        lines = Arrays.copyOf(lines, size * 2);
      }
      rows[size] = count;
      lines[size] = line;
      size++;
    }
    count++;
  }

  public int count() {
    return count;
  }

  public int get(int row) {
    int k = Arrays.binarySearch(rows, 0, size, row);
    if (k < 0) k = -k - 2;
    return lines[k] + (row - rows[k]);
  }

  /** The rows of each part after one another, each part's lines moved down by its first line. */
  static Lines concat(Lines[] parts, int[] firstLines) {
    Lines out = new Lines();
    for (int p = 0; p < parts.length; p++) {
      Lines part = parts[p];
      for (int k = 0; k < part.size; k++) {
        int end = k + 1 < part.size ? part.rows[k + 1] : part.count;
        out.add(firstLines[p] + part.lines[k]);
        out.count += end - part.rows[k] - 1;
      }
    }
    return out;
  }

  Lines keep(boolean[] keep) {
    Lines out = new Lines();
    for (int row = 0; row < count; row++) if (keep[row]) out.add(get(row));
    return out;
  }
}
