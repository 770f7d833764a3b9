package dev.customerlens.analysis;

import dev.customerlens.data.AuditFinding;
import dev.customerlens.data.DataFileException;
import dev.customerlens.data.Issue;
import dev.customerlens.events.CustomerFeatures;
import dev.customerlens.events.EventLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A customer table and a log of (mostly) the same customers, joined by id: the log's features are
 * added to the table's under the prefix {@value #PREFIX} (so {@code log_recency_days} sits beside the
 * table's {@code amount}), missing for customers the log does not know. Ids in only one of the two
 * are counted and listed for the audit, never an error: real tables and logs rarely match exactly.
 */
final class LogJoin {
  static final String PREFIX = "log_";
  private static final int LISTED = 10;

  private LogJoin() {}

  /** Adds the log's features to {@code features} in place and returns what the audit must say. */
  static List<AuditFinding> join(Table features, String tableSource, EventLog log) {
    Table fromLog = CustomerFeatures.of(log);
    StringColumn logIds = fromLog.stringColumn("customer_id");
    Map<String, Integer> rowOf = new HashMap<>(logIds.size() * 2);
    for (int i = 0; i < logIds.size(); i++) rowOf.put(logIds.get(i), i);
    StringColumn ids = features.stringColumn("customer_id");
    int[] rows = new int[ids.size()];
    Set<String> tableIds = new LinkedHashSet<>();
    List<String> tableOnly = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      Integer r = rowOf.get(ids.get(i));
      rows[i] = r == null ? -1 : r;
      tableIds.add(ids.get(i));
      if (r == null) tableOnly.add(ids.get(i));
    }
    for (int c = 1; c < fromLog.columnCount(); c++) {
      Column<?> source = fromLog.column(c);
      Column<?> joined = source.emptyCopy(ids.size()).setName(PREFIX + source.name());
      for (int i = 0; i < rows.length; i++) {
        if (rows[i] < 0) joined.setMissing(i);
        else copy(source, rows[i], joined, i);
      }
      features.addColumns(joined);
    }
    if (tableOnly.size() == ids.size() && !ids.isEmpty()) {
      // Not one id in common: the wrong file, or ids written differently (C-17850 against 17850).
      throw new DataFileException(new Issue(log.source(), 1, 0, "customer id", null, "matches none of the "
          + ids.size() + " customer ids of " + tableSource + " (the log's first ids: "
          + listed(logIds.asList()) + "; the table's: " + listed(ids.asList()) + ")"));
    }
    List<String> logOnly = logIds.asList().stream().filter(id -> !tableIds.contains(id)).toList();
    List<AuditFinding> findings = new ArrayList<>();
    if (!tableOnly.isEmpty()) {
      findings.add(new AuditFinding(AuditFinding.Kind.UNMATCHED_IDS, AuditFinding.Severity.WARNING, List.of("Customer ID"),
          tableOnly.size() + " of " + ids.size() + " customers of " + tableSource + " have no event in " + log.source()
              + " (" + listed(tableOnly) + "): their " + PREFIX + "features are missing"));
    }
    if (!logOnly.isEmpty()) {
      findings.add(new AuditFinding(AuditFinding.Kind.UNMATCHED_IDS, AuditFinding.Severity.WARNING, List.of("Customer ID"),
          logOnly.size() + " of " + logIds.size() + " customers of " + log.source() + " are not in " + tableSource
              + " (" + listed(logOnly) + "): they are left out of this analysis, which follows the table"));
    }
    return findings;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void copy(Column source, int from, Column target, int to) {
    if (source.isMissing(from)) target.setMissing(to);
    else target.set(to, source.get(from));
  }

  private static String listed(List<String> ids) {
    return String.join(", ", ids.subList(0, Math.min(LISTED, ids.size())))
        + (ids.size() > LISTED ? " and " + (ids.size() - LISTED) + " more" : "");
  }
}
