package dev.customerlens.events;

import dev.customerlens.data.Dataset;
import dev.customerlens.data.Field;
import dev.customerlens.data.ReadOptions;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How strictly a log is read.
 *
 * @param rows strict or lenient, and how many issues to list; the same choice as for customer files
 * @param customers when present, every customer id in the log must be one of these
 */
public record LogReadOptions(ReadOptions rows, Optional<KnownCustomers> customers) {
  /** The ids a log may use, and where they come from, for error messages. */
  public record KnownCustomers(String source, Set<String> ids) {
    public KnownCustomers {
      Objects.requireNonNull(source, "source");
      ids = Set.copyOf(ids);
    }
  }

  public LogReadOptions {
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(customers, "customers");
  }

  /** Fail on a file with any bad row, listing every problem found (the default). */
  public static LogReadOptions strict() {
    return new LogReadOptions(ReadOptions.strict(), Optional.empty());
  }

  /** Load every good row and report exactly which rows were skipped and why. */
  public static LogReadOptions lenient() {
    return new LogReadOptions(ReadOptions.lenient(), Optional.empty());
  }

  public LogReadOptions withMaxIssues(int max) {
    return new LogReadOptions(rows.withMaxIssues(max), customers);
  }

  /** Also reject customer ids that are not in this customer table. */
  public LogReadOptions withCustomers(Dataset dataset) {
    return withCustomers(dataset.source(), dataset.table().stringColumn(dataset.idColumn()).asList());
  }

  public LogReadOptions withCustomers(String source, Collection<String> ids) {
    return new LogReadOptions(rows, Optional.of(new KnownCustomers(source, Set.copyOf(ids))));
  }
}
