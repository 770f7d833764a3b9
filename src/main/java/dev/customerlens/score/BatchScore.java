package dev.customerlens.score;

import dev.customerlens.persona.PersonaSummary;
import dev.customerlens.data.SkippedRow;
import java.nio.file.Path;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * What a batch scoring run wrote: {@link #scores()}, the scored-customer table (customer_id, persona,
 * traits, purchase_pct, churn_pct, revenue_potential, clv, priority and recommendation, the most
 * urgent recommendation), and {@link #personas()}, the persona summary as {@code lens analyze}
 * writes it.
 */
public final class BatchScore {
  private final String source;
  private final int customers;
  private final List<SkippedRow> skipped;
  private final Path scores;
  private final Path personas;
  private final List<PersonaSummary.Line> summary;

  BatchScore(String source, int customers, List<SkippedRow> skipped, Path scores, Path personas,
      List<PersonaSummary.Line> summary) {
    this.source = source;
    this.customers = customers;
    this.skipped = List.copyOf(skipped);
    this.scores = scores;
    this.personas = personas;
    this.summary = summary;
  }

  public String source() {
    return source;
  }

  /** Rows scored. */
  public int customers() {
    return customers;
  }

  /** Rows a lenient read left out, and why. */
  public List<SkippedRow> skipped() {
    return skipped;
  }

  public Path scores() {
    return scores;
  }

  public Path personas() {
    return personas;
  }

  /** The persona summary as a table, the same as {@code CustomerAnalytics.personas()}. */
  public Table personaSummary() {
    return PersonaSummary.table(summary);
  }

  @Override
  public String toString() {
    return source + ": " + customers + " customers scored" + (skipped.isEmpty() ? "" : ", " + skipped.size()
        + " rows skipped") + "; wrote " + scores + " and " + personas;
  }
}
