package dev.customerlens.bench;

import dev.customerlens.CustomerAnalytics;
import dev.customerlens.data.Dataset;
import java.nio.file.Path;
import java.util.Locale;
import tech.tablesaw.api.StringColumn;

/**
 * What the notebook benchmark times for us: {@code NotebookSteps FILE} runs the steps an analyst's
 * first notebook runs on a customer table (load, personas, customers, 100 customers by id, the
 * recommendations plan) and prints each step's seconds on one line, load also split into reading
 * and analysing. A main of its own, so that each run is a fresh JVM whose peak memory is its own.
 */
public final class NotebookSteps {
  private static final int LOOKUPS = 100;

  private NotebookSteps() {}

  public static void main(String[] args) {
    StringBuilder line = new StringBuilder();
    long at = System.nanoTime();
    long start = at;
    // CustomerAnalytics.load(path) is these two calls; timed apart, they say whether reading or analysing moved.
    Dataset data = Dataset.read(Path.of(args[0]));
    at = lap(line, "read", at);
    CustomerAnalytics a = CustomerAnalytics.of(data);
    at = lap(line, "analyse", at);
    lap(line, "load", start);
    a.personas();
    at = lap(line, "personas", at);
    StringColumn ids = a.customers().stringColumn("customer_id");
    at = lap(line, "customers", at);
    // Ids spread over the whole file, the same ones every run.
    for (int i = 0; i < LOOKUPS; i++) a.customer(ids.get((int) ((long) i * 7919 % ids.size())));
    at = lap(line, "customer(id) x" + LOOKUPS, at);
    a.recommendations();
    lap(line, "recommendations", at);
    System.out.println(line.toString().strip());
  }

  private static long lap(StringBuilder line, String step, long since) {
    long now = System.nanoTime();
    line.append(String.format(Locale.ROOT, " %s=%.2f", step, (now - since) / 1e9));
    return now;
  }
}
