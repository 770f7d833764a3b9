package dev.customerlens.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The log benchmark's baseline: {@code DuckDbLogRead FILE [THREADS]} does in DuckDB the core of what
 * {@link LogRead} does: reads the Online Retail lines, drops cancellations, lines without a customer,
 * returns, zero prices and exact duplicates, sums lines into one purchase per invoice and customer,
 * and sums purchases into customers (first and last purchase, purchase days, orders, units, spend).
 * It checks no cell and derives fewer features, so it is a floor rather than equal work.
 */
public final class DuckDbLogRead {
  private DuckDbLogRead() {}

  public static void main(String[] args) throws SQLException {
    String file = args[0].replace("'", "''");
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    long started = System.nanoTime();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
      s.execute("SET threads = " + threads);
      s.execute("CREATE TABLE lines AS SELECT DISTINCT * FROM read_csv('" + file + "', header = true, "
          + "columns = {'Invoice': 'VARCHAR', 'StockCode': 'VARCHAR', 'Description': 'VARCHAR', 'Quantity': 'BIGINT', "
          + "'InvoiceDate': 'TIMESTAMP', 'Price': 'DOUBLE', 'Customer ID': 'VARCHAR', 'Country': 'VARCHAR'}) "
          + "WHERE NOT starts_with(Invoice, 'C') AND \"Customer ID\" IS NOT NULL AND Quantity > 0 AND Price > 0");
      s.execute("CREATE TABLE purchases AS SELECT \"Customer ID\" AS customer_id, Invoice, min(InvoiceDate) AS bought, "
          + "round(sum(Quantity * Price), 2) AS amount, sum(Quantity) AS units FROM lines GROUP BY ALL");
      try (ResultSet r = s.executeQuery("SELECT count(*), sum(orders) FROM (SELECT customer_id, min(bought), max(bought), "
          + "count(DISTINCT CAST(bought AS DATE)), count(*) AS orders, sum(units), sum(amount) FROM purchases GROUP BY ALL)")) {
        r.next();
        System.out.printf("%d customers, %d purchases in %.2f s%n", r.getLong(1), r.getLong(2),
            (System.nanoTime() - started) / 1e9);
      }
    }
  }
}
