package dev.customerlens.generate;

import dev.customerlens.data.Field;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

/**
 * Seeded synthetic customers in the "Customer Shopping Trends" schema ({@link Field}).
 *
 * <pre>{@code
 * try (Writer out = Files.newBufferedWriter(path)) {
 *   SyntheticCustomers.withSeed(7).rows(1_000_000).writeCsv(out);
 * }
 * }</pre>
 *
 * <p>Each customer is drawn from one hidden behaviour type, and every column is then drawn from
 * that type's distributions, so spending, frequency, subscription, discounts, ratings and
 * demographics move together as they do in real retail data instead of being independent noise.
 * The type is not written out; {@link #latentTypes()} lists them.
 *
 * <table>
 *   <caption>Latent behaviour types</caption>
 *   <tr><th>type</th><th>share</th><th>traits</th></tr>
 *   <tr><td>Loyal premium</td><td>14%</td><td>highest spend on dear items, 85% subscribed, weekly to
 *       monthly, about 40 previous purchases, rates about 4.4, few discounts, express shipping, cards</td></tr>
 *   <tr><td>Deal seeker</td><td>22%</td><td>85% discounted and most with a promo code, low spend on
 *       cheap items, monthly to quarterly, free shipping or pickup, debit card or cash</td></tr>
 *   <tr><td>Quality-focused</td><td>16%</td><td>full price, dearer footwear, outerwear and
 *       accessories, quarterly to annually, credit card or bank transfer</td></tr>
 *   <tr><td>Frequent casual</td><td>20%</td><td>everyday clothing every week or two, modest spend,
 *       often discounted, half subscribed</td></tr>
 *   <tr><td>Occasional or lapsing</td><td>18%</td><td>older, rarely subscribed, annually or
 *       quarterly, few previous purchases, lowest ratings, cash or debit card</td></tr>
 *   <tr><td>Young trend-follower</td><td>10%</td><td>mostly under 30 and female, trend clothing and
 *       sneakers, promo codes without discounts, fast shipping, Venmo or PayPal</td></tr>
 * </table>
 *
 * <p>Discount Applied and Promo Code Used agree for most customers but not all, unlike the public
 * dataset where the two columns are identical. Outerwear sells mostly in fall and winter, dearer
 * items cost more for every type, blouses, dresses, skirts and handbags go mostly to women, sizes
 * run smaller for women, and locations follow US state populations.
 *
 * <p>Output depends only on the seed and the row count: row {@code i} is drawn from (seed, i)
 * alone, numbers are formatted without the locale, and lines end with {@code \n}. The same
 * arguments give the same bytes on every run, machine and JDK.
 */
public final class SyntheticCustomers {
  /**
   * The seed of the embedded {@code data/customers.csv}. From the project directory, regenerate it
   * with {@code ./lens generate --rows 3900 --seed 20231005 --out data/customers.csv}, or from
   * jshell with the compiled classes on the class path:
   *
   * <pre>{@code
   * try (var out = Files.newBufferedWriter(Path.of("data/customers.csv"))) {
   *   SyntheticCustomers.withSeed(DEFAULT_SEED).rows(DEFAULT_ROWS).writeCsv(out);
   * }
   * }</pre>
   *
   * {@code EmbeddedDatasetTest} fails when the generator and the file drift apart.
   */
  public static final long DEFAULT_SEED = 20231005L;
  /** The row count of the embedded dataset, the size of the public one. */
  public static final int DEFAULT_ROWS = 3900;
  /** How often {@link #writeCsv(Writer, IntConsumer)} reports progress, in rows. */
  public static final int PROGRESS_INTERVAL = 10_000;

  private static final String HEADER =
      Arrays.stream(Field.values()).map(Field::header).collect(Collectors.joining(","));

  private final long seed;
  private final int rows;

  private SyntheticCustomers(long seed, int rows) {
    if (rows < 1) throw new IllegalArgumentException("rows must be at least 1, was " + rows);
    this.seed = seed;
    this.rows = rows;
  }

  /** {@link #DEFAULT_ROWS} customers from the given seed. */
  public static SyntheticCustomers withSeed(long seed) {
    return new SyntheticCustomers(seed, DEFAULT_ROWS);
  }

  public SyntheticCustomers rows(int count) {
    return new SyntheticCustomers(seed, count);
  }

  public long seed() {
    return seed;
  }

  public int rowCount() {
    return rows;
  }

  /** The hidden behaviour types customers are drawn from, with their shares. */
  public static List<LatentType> latentTypes() {
    return Behaviour.ALL.stream().map(Behaviour::type).toList();
  }

  /** Writes the header and every row; see {@link #writeCsv(Writer, IntConsumer)}. */
  public void writeCsv(Writer out) {
    writeCsv(out, written -> {});
  }

  /**
   * Writes the header and every row, one line at a time, so memory stays flat however many rows
   * are asked for. Pass a buffered writer: each line is a separate write. The writer is flushed but
   * not closed.
   *
   * @param rowsWritten told the number of rows written so far, every {@link #PROGRESS_INTERVAL}
   *     rows and once more after the last row
   * @throws UncheckedIOException if the writer fails
   */
  public void writeCsv(Writer out, IntConsumer rowsWritten) {
    StringBuilder line = new StringBuilder(256);
    try {
      out.write(HEADER);
      out.write('\n');
      for (int id = 1; id <= rows; id++) {
        Draws draws = Draws.forRow(seed, id);
        line.setLength(0);
        Behaviour.pick(draws).drawCustomer(id, draws).appendCsv(line);
        line.append('\n');
        out.append(line);
        if (id % PROGRESS_INTERVAL == 0) rowsWritten.accept(id);
      }
      if (rows % PROGRESS_INTERVAL != 0) rowsWritten.accept(rows);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write synthetic customers", e);
    }
  }

  @Override
  public String toString() {
    return "SyntheticCustomers[seed=" + seed + ", rows=" + rows + "]";
  }
}
