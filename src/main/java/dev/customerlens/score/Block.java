package dev.customerlens.score;

import dev.customerlens.data.Codes;

/**
 * A run of consecutive rows being evaluated, with each per-row input and result computed at most
 * once for it. One per thread, moved from block to block, so evaluating allocates nothing per row.
 */
final class Block {
  static final int SIZE = 2048;

  /** Numbers computed per customer. */
  enum Value { P_ACTIVE, CHURN_RISK, PURCHASE_PROBABILITY, CURRENT_VALUE, EXPECTED_ANNUAL_VALUE, CLV,
    NEXT_CATEGORY_PROBABILITY }

  private final Codes[] columns;
  private final Profiler profiler;
  /** What computes the scores, or null for a block that only takes personas and traits. */
  private final Scoring scoring;
  /**
   * Every row's scores from an earlier pass, {@code kept[value][row]} for the values from p_active to
   * clv in {@link Value} order, read instead of computed again; null to compute them.
   */
  private final double[][] kept;
  private final int[][] codes;
  private final boolean[] codesReady;
  private final double[][] values = new double[Value.values().length][SIZE];
  private boolean predicted;
  private boolean shifted;
  private boolean[][] scratch = new boolean[4][SIZE];
  private int from;
  private int size;

  Block(Scoring scoring) {
    this(scoring.columns, scoring.profiler, scoring, null);
  }

  /** A block that reads every row's scores from {@code kept} (see the field) instead of computing them. */
  Block(Scoring scoring, double[][] kept) {
    this(scoring.columns, scoring.profiler, scoring, kept);
  }

  /** A block over coded columns that only assigns personas and traits: no score can be read from it. */
  Block(Codes[] columns, Profiler profiler) {
    this(columns, profiler, null, null);
  }

  private Block(Codes[] columns, Profiler profiler, Scoring scoring, double[][] kept) {
    this.columns = columns;
    this.profiler = profiler;
    this.scoring = scoring;
    this.kept = kept;
    int sources = CodeSource.count(columns);
    codes = new int[sources][];
    codesReady = new boolean[sources];
  }

  /** Rows {@code from} to {@code from + size} of a coded column into {@code out}. */
  static void read(Codes column, int from, int size, int[] out) {
    byte[] bytes = column.bytes();
    if (bytes != null) {
      for (int i = 0; i < size; i++) out[i] = bytes[from + i] & 0xFF;
    } else {
      System.arraycopy(column.ints(), from, out, 0, size);
    }
  }

  void moveTo(int from, int size) {
    this.from = from;
    this.size = size;
    java.util.Arrays.fill(codesReady, false);
    predicted = false;
    shifted = false;
  }

  int from() {
    return from;
  }

  int size() {
    return size;
  }

  /** A scratch array for the parts of a condition at this nesting depth. */
  boolean[] scratch(int depth) {
    if (depth >= scratch.length) {
      boolean[][] more = java.util.Arrays.copyOf(scratch, depth + 4);
      for (int d = scratch.length; d < more.length; d++) more[d] = new boolean[SIZE];
      scratch = more;
    }
    return scratch[depth];
  }

  int[] codes(CodeSource source) {
    int s = source.index();
    if (codes[s] == null) codes[s] = new int[SIZE];
    if (!codesReady[s]) {
      if (source.column() >= 0) {
        read(columns[source.column()], from, size, codes[s]);
      } else if (source.equals(CodeSource.PERSONA)) {
        profiler.personaCodes(from, size, codes[s]);
      } else {
        shift();
      }
      codesReady[s] = true;
    }
    return codes[s];
  }

  double[] values(Value value) {
    if (value == Value.NEXT_CATEGORY_PROBABILITY) shift();
    else predict();
    return values[value.ordinal()];
  }

  private void predict() {
    if (predicted) return;
    if (kept != null) {
      for (int v = 0; v < kept.length; v++) System.arraycopy(kept[v], from, values[v], 0, size);
      predicted = true;
      return;
    }
    scoring.predict(this, values[Value.P_ACTIVE.ordinal()], values[Value.CHURN_RISK.ordinal()],
        values[Value.PURCHASE_PROBABILITY.ordinal()], values[Value.CURRENT_VALUE.ordinal()],
        values[Value.EXPECTED_ANNUAL_VALUE.ordinal()], values[Value.CLV.ordinal()]);
    predicted = true;
  }

  private void shift() {
    if (shifted) return;
    predict();
    CodeSource[] computed = {CodeSource.NEXT_CATEGORY, CodeSource.NEXT_ACTION, CodeSource.REVENUE_POTENTIAL};
    for (CodeSource source : computed) {
      if (codes[source.index()] == null) codes[source.index()] = new int[SIZE];
      codesReady[source.index()] = true;
    }
    scoring.shift(this, codes[CodeSource.NEXT_CATEGORY.index()], values[Value.NEXT_CATEGORY_PROBABILITY.ordinal()],
        codes[CodeSource.NEXT_ACTION.index()], codes[CodeSource.REVENUE_POTENTIAL.index()]);
    shifted = true;
  }
}
