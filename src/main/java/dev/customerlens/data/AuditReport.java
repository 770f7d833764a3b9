package dev.customerlens.data;

import dev.customerlens.export.TextTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What an analyst must know before trusting a customer table, from {@link Dataset#audit()}.
 * Findings come in {@link AuditFinding.Kind} order, and in table order within a kind.
 *
 * @param rows the rows the table holds, after any rows a lenient read skipped
 * @param columns the columns the table holds, extra columns included
 */
public record AuditReport(String source, int rows, int columns, List<AuditFinding> findings) {
  public AuditReport {
    Objects.requireNonNull(source, "source");
    if (rows < 0) throw new IllegalArgumentException("rows must not be negative, was " + rows);
    if (columns < 0) throw new IllegalArgumentException("columns must not be negative, was " + columns);
    findings = List.copyOf(findings);
  }

  /** This report with more findings, such as an analysis adds about its own rules; kind order is kept. */
  public AuditReport with(List<AuditFinding> more) {
    List<AuditFinding> all = new ArrayList<>(findings);
    all.addAll(more);
    all.sort(Comparator.comparing(AuditFinding::kind));
    return new AuditReport(source, rows, columns, all);
  }

  public List<AuditFinding> findings(AuditFinding.Kind kind) {
    return findings.stream().filter(f -> f.kind() == kind).toList();
  }

  /**
   * The findings as a table of text columns kind, severity, columns and message, for notebooks.
   * Named {@code asTable} rather than {@code getTable} so that JSON mappers leave it out.
   */
  public Table asTable() {
    StringColumn kind = StringColumn.create("kind");
    StringColumn severity = StringColumn.create("severity");
    StringColumn involved = StringColumn.create("columns");
    StringColumn message = StringColumn.create("message");
    for (AuditFinding finding : findings) {
      kind.append(finding.kind().name());
      severity.append(finding.severity().name());
      involved.append(String.join(", ", finding.columns()));
      message.append(finding.message());
    }
    return Table.create("audit of " + source, kind, severity, involved, message);
  }

  /** A plain-text report: a summary line, then each finding, wrapped to fit a terminal. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("Audit of ").append(source).append(": ")
        .append(rows).append(rows == 1 ? " row, " : " rows, ")
        .append(columns).append(columns == 1 ? " column, " : " columns, ")
        .append(findings.size()).append(findings.size() == 1 ? " finding" : " findings");
    for (AuditFinding finding : findings) {
      out.append('\n').append(TextTable.wrap(String.format(Locale.ROOT, "%-10s  %-17s  %s", finding.severity(),
          finding.kind(), finding.message()), TextTable.TERMINAL.width(), " ".repeat(31)));
    }
    return out.toString();
  }
}
