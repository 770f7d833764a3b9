package dev.customerlens.score;

import dev.customerlens.rules.Condition;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * A compiled rule condition, evaluated for a whole block of rows at once: each leaf is one tight
 * loop over a column, so a condition costs a few array reads per customer and no call per row.
 */
interface RowTest {
  /** Sets {@code out[i]} for rows {@code block.from() + i}, i < block.size(). */
  void eval(Block block, boolean[] out);

  /** Rows whose code (from {@code source}) has {@code match[code]} set: comparisons on a dictionary-coded column. */
  static RowTest coded(CodeSource source, boolean[] match) {
    return (block, out) -> {
      int[] codes = block.codes(source);
      for (int i = 0, n = block.size(); i < n; i++) out[i] = match[codes[i]];
    };
  }

  /** A comparison on a value computed per row; NaN never matches. */
  static RowTest computed(Block.Value value, Condition.Operator op, double x) {
    return (block, out) -> compare(block.values(value), 0, block.size(), op, x, out);
  }

  /** A comparison on a number held per row of the whole base, such as a log's derived feature; NaN never matches. */
  static RowTest numbers(double[] values, Condition.Operator op, double x) {
    return (block, out) -> compare(values, block.from(), block.size(), op, x, out);
  }

  /** {@code out[i]} = v[from + i] op x, for i < n; NaN never matches. */
  private static void compare(double[] v, int from, int n, Condition.Operator op, double x, boolean[] out) {
    switch (op) {
      case EQ -> { for (int i = 0; i < n; i++) out[i] = v[from + i] == x; }
      case NE -> { for (int i = 0; i < n; i++) out[i] = v[from + i] != x && v[from + i] == v[from + i]; }
      case LT -> { for (int i = 0; i < n; i++) out[i] = v[from + i] < x; }
      case LE -> { for (int i = 0; i < n; i++) out[i] = v[from + i] <= x; }
      case GT -> { for (int i = 0; i < n; i++) out[i] = v[from + i] > x; }
      case GE -> { for (int i = 0; i < n; i++) out[i] = v[from + i] >= x; }
    }
  }

  /** Rows whose computed value is at least the cut's threshold, known only once the base is scored. */
  static RowTest atLeast(Block.Value value, PercentileCut cut) {
    return (block, out) -> {
      double[] v = block.values(value);
      double t = cut.threshold();
      for (int i = 0, n = block.size(); i < n; i++) out[i] = v[i] >= t;
    };
  }

  /** Rows whose computed value equals the one value at the cut's percentile, if any. */
  static RowTest equalTo(Block.Value value, PercentileCut cut) {
    return (block, out) -> {
      double[] v = block.values(value);
      double t = cut.threshold();
      for (int i = 0, n = block.size(); i < n; i++) out[i] = v[i] == t;
    };
  }

  /** A test on something held per row but not coded, such as the id; slow, and only for rules that need it. */
  static RowTest perRow(IntPredicate row) {
    return (block, out) -> {
      for (int i = 0, n = block.size(); i < n; i++) out[i] = row.test(block.from() + i);
    };
  }

  static RowTest always() {
    return (block, out) -> java.util.Arrays.fill(out, 0, block.size(), true);
  }

  static RowTest not(RowTest inner) {
    return (block, out) -> {
      inner.eval(block, out);
      for (int i = 0, n = block.size(); i < n; i++) out[i] = !out[i];
    };
  }

  static RowTest all(List<RowTest> parts, int depth) {
    return (block, out) -> {
      parts.get(0).eval(block, out);
      boolean[] part = block.scratch(depth);
      for (int p = 1; p < parts.size(); p++) {
        parts.get(p).eval(block, part);
        for (int i = 0, n = block.size(); i < n; i++) out[i] &= part[i];
      }
    };
  }

  static RowTest any(List<RowTest> parts, int depth) {
    return (block, out) -> {
      parts.get(0).eval(block, out);
      boolean[] part = block.scratch(depth);
      for (int p = 1; p < parts.size(); p++) {
        parts.get(p).eval(block, part);
        for (int i = 0, n = block.size(); i < n; i++) out[i] |= part[i];
      }
    };
  }
}
