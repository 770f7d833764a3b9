package dev.customerlens.events;

import dev.customerlens.data.ColumnMapping;
import dev.customerlens.data.Dataset;
import dev.customerlens.data.Field;
import dev.customerlens.data.ReadOptions;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How strictly a log is read.
 *
 * @param rows strict or lenient, and how many issues to list; the same choice as for customer files
 * @param customers when present, every customer id in the log must be one of these
 * @param columns which header plays which part, where the file's headers are not the layout's own
 * @param newestFileTime the file's last change, in local time: no timestamp may be more than a day after
 *     it; when empty, no more than a day after now
 */
public record LogReadOptions(ReadOptions rows, Optional<KnownCustomers> customers, ColumnMapping columns,
    Optional<LocalDateTime> newestFileTime) {
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
    Objects.requireNonNull(columns, "columns");
    Objects.requireNonNull(newestFileTime, "newestFileTime");
  }

  /** Fail on a file with any bad row, listing every problem found (the default). */
  public static LogReadOptions strict() {
    return new LogReadOptions(ReadOptions.strict(), Optional.empty(), ColumnMapping.none(), Optional.empty());
  }

  /** Load every good row and report exactly which rows were skipped and why. */
  public static LogReadOptions lenient() {
    return new LogReadOptions(ReadOptions.lenient(), Optional.empty(), ColumnMapping.none(), Optional.empty());
  }

  public LogReadOptions withMaxIssues(int max) {
    return new LogReadOptions(rows.withMaxIssues(max), customers, columns, newestFileTime);
  }

  /** Also reject customer ids that are not in this customer table. */
  public LogReadOptions withCustomers(Dataset dataset) {
    return withCustomers(dataset.source(), dataset.table().stringColumn(dataset.idColumn()).asList());
  }

  public LogReadOptions withCustomers(String source, Collection<String> ids) {
    return new LogReadOptions(rows, Optional.of(new KnownCustomers(source, Set.copyOf(ids))), columns, newestFileTime);
  }

  /** Reads the columns named by {@code mapping} as the parts it gives them ({@code customer=Customer ID}, ...). */
  public LogReadOptions withColumns(ColumnMapping mapping) {
    return new LogReadOptions(rows, customers, mapping, newestFileTime);
  }

  /** No timestamp may be more than a day after {@code time}; reading a file sets its last change. */
  public LogReadOptions withNewestFileTime(LocalDateTime time) {
    return new LogReadOptions(rows, customers, columns, Optional.of(time));
  }
}
