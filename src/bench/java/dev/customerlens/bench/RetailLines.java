package dev.customerlens.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

/**
 * Invoice lines in the Online Retail II layout, for the log-reading benchmark: what the real file
 * holds, at any size. About one customer per 100 lines, repeat buyers drawn with a heavy tail,
 * invoices of 1 to 40 lines over two years, 4,000 products with fixed prices, and the real file's
 * awkward rows in similar shares: cancellations (C invoices with negative quantities), lines with
 * no customer, returns, zero prices and exact duplicates.
 */
final class RetailLines {
  static final String HEADER = "Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
  private static final LocalDateTime FIRST = LocalDateTime.of(2009, 12, 1, 7, 45);
  private static final long SPAN_MINUTES = 2L * 365 * 24 * 60;
  private static final int PRODUCTS = 4_000;
  private static final String[] COUNTRIES = {"United Kingdom", "United Kingdom", "United Kingdom", "United Kingdom",
      "United Kingdom", "Germany", "France", "EIRE", "Spain", "Netherlands"};

  private final long lines;
  private final long seed;

  RetailLines(long lines, long seed) {
    this.lines = lines;
    this.seed = seed;
  }

  void writeCsv(Writer out) {
    Random random = new Random(seed);
    int customers = (int) Math.max(10, lines / 100);
    double[] prices = new double[PRODUCTS];
    for (int p = 0; p < PRODUCTS; p++) prices[p] = Math.round((0.29 + 15 * Math.pow(random.nextDouble(), 3)) * 100) / 100.0;
    try {
      out.write(HEADER);
      out.write('\n');
      long written = 0;
      int invoice = 489_434;
      StringBuilder row = new StringBuilder(96);
      while (written < lines) {
        // Invoices are written in time order, as the real file is.
        LocalDateTime at = FIRST.plusMinutes(SPAN_MINUTES * written / lines);
        // A power of a uniform draw: a few customers place most of the invoices.
        int customer = 12_346 + (int) (customers * Math.pow(random.nextDouble(), 2.5));
        boolean anonymous = random.nextDouble() < 0.2;
        boolean cancelled = random.nextDouble() < 0.02;
        String number = (cancelled ? "C" : "") + invoice++;
        String country = COUNTRIES[customer % COUNTRIES.length];
        int size = 1 + random.nextInt(40);
        for (int l = 0; l < size && written < lines; l++) {
          int product = (int) (PRODUCTS * Math.pow(random.nextDouble(), 1.7));
          int quantity = (1 + random.nextInt(12)) * (cancelled || random.nextDouble() < 0.005 ? -1 : 1);
          double price = random.nextDouble() < 0.002 ? 0 : prices[product];
          row.setLength(0);
          row.append(number).append(',').append(20_000 + product).append(",\"PRODUCT ").append(product)
              .append(", ASSORTED\",").append(quantity).append(',').append(TIME.format(at)).append(',')
              .append(price).append(',').append(anonymous ? "" : customer + ".0").append(',').append(country)
              .append('\n');
          out.append(row);
          written++;
          // The real file repeats some lines exactly; the reader counts them once.
          if (written < lines && random.nextDouble() < 0.005) {
            out.append(row);
            written++;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
