package dev.customerlens.score;

import dev.customerlens.data.Ids;
import dev.customerlens.export.Export;
import dev.customerlens.recommend.Priority;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Formats scored rows as CSV bytes, one block at a time, with the conventions of {@link Export}:
 * RFC 4180 quoting where needed, text guarded against spreadsheet formulas, "\n" line ends.
 * Every distinct text (persona, trait set, action) is encoded once; numbers are written with ten
 * decimals from integer arithmetic, which is exact to 5e-11 and far cheaper than Double.toString.
 */
final class ScoresCsv {
  static final String HEADER =
      "customer_id,persona,traits,purchase_pct,churn_pct,revenue_potential,clv,priority,recommendation\n";
  private static final int DECIMALS = 10;
  private static final long SCALE = 10_000_000_000L;
  private static final double FIXED_LIMIT = 9e8;
  private static final int DENSE_TRAIT_SETS = 1 << 16;

  private final Scoring scoring;
  private final byte[][] personas;
  private final byte[][] potentials;
  private final byte[][] priorities;
  private final byte[][] actions;
  private final AtomicReferenceArray<byte[]> denseTraits;
  private final ConcurrentHashMap<Integer, byte[]> sparseTraits = new ConcurrentHashMap<>();

  ScoresCsv(Scoring scoring) {
    this.scoring = scoring;
    personas = cells(scoring.profiler.personaNames);
    potentials = cells(Scoring.POTENTIALS);
    priorities = cells(Arrays.stream(Priority.values()).map(Priority::label).toList());
    actions = cells(scoring.actions);
    denseTraits = scoring.profiler.traits.traits().size() <= 16 ? new AtomicReferenceArray<>(DENSE_TRAIT_SETS) : null;
  }

  private static byte[][] cells(List<String> texts) {
    return texts.stream().map(ScoresCsv::cell).toArray(byte[][]::new);
  }

  /** One text cell, as {@code Export} writes it. */
  static byte[] cell(String text) {
    return Export.csvText(text).getBytes(StandardCharsets.UTF_8);
  }

  private byte[] traits(int mask) {
    if (denseTraits != null) {
      byte[] cached = denseTraits.get(mask);
      if (cached == null) {
        cached = cell(scoring.profiler.traitLabel(mask));
        denseTraits.set(mask, cached);
      }
      return cached;
    }
    return sparseTraits.computeIfAbsent(mask, m -> cell(scoring.profiler.traitLabel(m)));
  }

  /** A growable output buffer for one task's rows. */
  static final class Out {
    byte[] bytes;
    int size;
    int rows;

    Out(int capacity) {
      bytes = new byte[capacity];
    }

    void ensure(int more) {
      if (size + more > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }

    void put(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, bytes, size, b.length);
      size += b.length;
    }

    void put(byte b) {
      ensure(1);
      bytes[size++] = b;
    }
  }

  /** Formats the block's rows: the block must already be evaluated by {@link Scoring#recommend}. */
  void write(Block block, int[] rule, int[] action, boolean[] raised, Out out) {
    Ids ids = scoring.data.ids();
    double[] purchase = block.values(Block.Value.PURCHASE_PROBABILITY);
    double[] churn = block.values(Block.Value.CHURN_RISK);
    double[] clv = block.values(Block.Value.CLV);
    int[] potential = block.codes(CodeSource.REVENUE_POTENTIAL);
    int from = block.from();
    for (int i = 0; i < block.size(); i++) {
      int row = from + i;
      out.ensure(256);
      if (ids.numeric()) writeLong(out, ids.numbers()[row]);
      else out.put(cell(ids.get(row)));
      out.put((byte) ',');
      out.put(personas[scoring.profiler.persona[row] & 0xFF]);
      out.put((byte) ',');
      out.put(traits(scoring.profiler.traitMasks[row]));
      out.put((byte) ',');
      writeFixed(out, 100 * purchase[i]);
      out.put((byte) ',');
      writeFixed(out, 100 * churn[i]);
      out.put((byte) ',');
      out.put(potentials[potential[i]]);
      out.put((byte) ',');
      writeFixed(out, clv[i]);
      out.put((byte) ',');
      if (rule[i] >= 0) {
        out.put(priorities[scoring.priority(rule[i], raised[i]).ordinal()]);
        out.put((byte) ',');
        out.put(actions[action[i]]);
      } else {
        out.put((byte) ',');
      }
      out.put((byte) '\n');
    }
  }

  private static final byte[] PAIRS = new byte[200];

  static {
    for (int i = 0; i < 100; i++) {
      PAIRS[2 * i] = (byte) ('0' + i / 10);
      PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
    }
  }

  /** Decimal digits of a value that is not negative. */
  private static void writeLong(Out out, long value) {
    int digits = 1;
    for (long v = value; v >= 10; v /= 10) digits++;
    writeDigits(out, value, digits);
  }

  /** Exactly {@code digits} decimal digits of {@code value}, zero-padded, two at a time from the right. */
  private static void writeDigits(Out out, long value, int digits) {
    out.ensure(digits);
    int at = out.size + digits;
    int end = out.size;
    while (at - end >= 2) {
      int pair = (int) (value % 100);
      value /= 100;
      out.bytes[--at] = PAIRS[2 * pair + 1];
      out.bytes[--at] = PAIRS[2 * pair];
    }
    if (at > end) out.bytes[--at] = (byte) ('0' + value % 10);
    out.size += digits;
  }

  /** {@code value} rounded to ten decimals, without trailing zeros; blank when it is not a number. */
  static void writeFixed(Out out, double value) {
    if (Double.isNaN(value)) return;
    if (Math.abs(value) >= FIXED_LIMIT || Double.isInfinite(value)) {
      out.put((Double.isInfinite(value) ? String.valueOf(value)
          : BigDecimal.valueOf(value).setScale(DECIMALS, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString())
          .getBytes(StandardCharsets.US_ASCII));
      return;
    }
    long scaled = Math.round(value * SCALE);
    if (scaled < 0) {
      out.put((byte) '-');
      scaled = -scaled;
    }
    writeLong(out, scaled / SCALE);
    long fraction = scaled % SCALE;
    if (fraction == 0) return;
    int digits = DECIMALS;
    while (fraction % 10 == 0) {
      fraction /= 10;
      digits--;
    }
    out.put((byte) '.');
    writeDigits(out, fraction, digits);
  }
}
