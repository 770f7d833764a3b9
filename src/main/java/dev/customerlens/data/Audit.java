package dev.customerlens.data;

import dev.customerlens.data.AuditFinding.Kind;
import dev.customerlens.data.AuditFinding.Severity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Computes the {@link AuditReport} of a {@link Dataset}. Column relations are checked pairwise
 * only among low-cardinality categorical columns, each encoded once as one byte a row, so a
 * 5-million-row table costs a few linear scans per pair and no table copies.
 */
final class Audit {
  /**
   * A column with more distinct values is an identifier or free text rather than a category; the
   * cap also keeps the codes to one byte a row.
   */
  private static final int MAX_CATEGORIES = 256;
  private static final double TUKEY_FACTOR = 1.5;
  private static final int LISTED_LINES = 10;
  private static final String YES = "Yes";
  private static final String NO = "No";
  /** An ISO date, optionally with a time, optionally with an offset such as Z or +01:00. */
  private static final DateTimeFormatter ISO_TIMESTAMP = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral('T').append(DateTimeFormatter.ISO_LOCAL_TIME).optionalEnd()
      .optionalStart().appendOffsetId().optionalEnd()
      .toFormatter(Locale.ROOT)
      .withResolverStyle(ResolverStyle.STRICT)
      .withChronology(IsoChronology.INSTANCE);

  private final Dataset dataset;
  private final Table table;
  private final int rows;
  private final List<AuditFinding> findings = new ArrayList<>();

  private Audit(Dataset dataset) {
    this.dataset = dataset;
    this.table = dataset.table();
    this.rows = table.rowCount();
  }

  static AuditReport of(Dataset dataset) {
    if (dataset.isDerived()) {
      // Derived features carry no schema to check: what matters is how they were derived.
      return new AuditReport(dataset.source(), dataset.rowCount(), dataset.table().columnCount(), dataset.notes());
    }
    Audit audit = new Audit(dataset);
    List<String> timestamped = audit.timestampedExtraColumns();
    audit.header();
    audit.relations();
    audit.synonyms();
    audit.constants();
    audit.missingValues();
    audit.outliers();
    audit.limitations(timestamped);
    audit.skippedRows();
    audit.extraColumns(timestamped);
    audit.findings.addAll(dataset.notes());
    // Stable, so findings of one kind keep the table order they were found in.
    audit.findings.sort(Comparator.comparing(AuditFinding::kind));
    // A missing column is held as an empty one, but the file did not have it.
    int columns = audit.table.columnCount() - dataset.missingColumns().size();
    return new AuditReport(dataset.source(), audit.rows, columns, audit.findings);
  }

  private void add(Kind kind, Severity severity, List<String> columns, String message) {
    findings.add(new AuditFinding(kind, severity, columns, message));
  }

  /** A categorical column as one byte a row; codes index {@code labels}, numbered by first appearance. */
  private record Coded(int position, String name, byte[] codes, List<String> labels) {
    int code(int row) {
      return codes[row] & 0xFF;
    }

    int size() {
      return labels.size();
    }

    boolean yesNo() {
      return size() == 2 && labels.contains(YES) && labels.contains(NO);
    }

    String other(int code) {
      return labels.get(1 - code);
    }
  }

  /**
   * Identical columns, one-to-one and functional dependencies, and implications from a Yes/No
   * value. A column that duplicates an earlier one is left out of the later checks, so each fact
   * is reported once, under the earlier column.
   */
  private void relations() {
    List<Coded> coded = new ArrayList<>();
    for (Field field : Field.values()) {
      if (field.kind() == Field.Kind.TEXT || field.kind() == Field.Kind.FREQUENCY || field.kind() == Field.Kind.YES_NO) {
        encode(field).ifPresent(coded::add);
      }
    }
    int n = coded.size();
    boolean[][] determines = new boolean[n][n];
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        determines[a][b] = a != b && determines(coded.get(a), coded.get(b));
      }
    }
    boolean[] duplicate = new boolean[n];
    for (int a = 0; a < n; a++) {
      for (int b = a + 1; b < n; b++) {
        if (duplicate[a] || duplicate[b] || !determines[a][b] || !determines[b][a]) continue;
        oneToOne(coded.get(a), coded.get(b));
        duplicate[b] = true;
      }
    }
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        if (duplicate[a] || duplicate[b] || !determines[a][b] || determines[b][a]) continue;
        derived(coded.get(a), coded.get(b));
      }
    }
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        if (a == b || duplicate[a] || duplicate[b] || determines[a][b] || !coded.get(a).yesNo()) continue;
        implication(coded.get(a), coded.get(b), a < b);
      }
    }
  }

  /**
   * Empty for a column that takes part in no pairwise check: a constant one (reported on its own)
   * or one with more distinct values than half the rows, which would determine other columns
   * trivially.
   */
  private Optional<Coded> encode(Field field) {
    Column<?> column = table.column(field.header());
    int limit = Math.min(MAX_CATEGORIES, rows / 2);
    byte[] codes = new byte[rows];
    Map<String, Integer> index = new HashMap<>();
    List<String> labels = new ArrayList<>();
    for (int row = 0; row < rows; row++) {
      String label = label(column, row);
      Integer code = index.get(label);
      if (code == null) {
        if (labels.size() == limit) return Optional.empty();
        code = labels.size();
        index.put(label, code);
        labels.add(label);
      }
      codes[row] = (byte) code.intValue();
    }
    if (labels.size() < 2) return Optional.empty();
    return Optional.of(new Coded(table.columnIndex(column), field.header(), codes, List.copyOf(labels)));
  }

  /** A cell as the file wrote it: Yes or No for a Yes/No column, and "" when missing. */
  private static String label(Column<?> column, int row) {
    if (column.isMissing(row)) return "";
    if (column instanceof BooleanColumn yesNo) return yesNo.get(row) ? YES : NO;
    return column.getString(row);
  }

  /** Whether every value of {@code from} comes with a single value of {@code to}. */
  private boolean determines(Coded from, Coded to) {
    int[] partner = new int[from.size()];
    Arrays.fill(partner, -1);
    for (int row = 0; row < rows; row++) {
      int x = from.code(row);
      int y = to.code(row);
      if (partner[x] < 0) partner[x] = y;
      else if (partner[x] != y) return false;
    }
    return true;
  }

  private void oneToOne(Coded first, Coded second) {
    String rest = "; they are one fact recorded twice, so use one of them (other relations name only "
        + first.name() + ")";
    List<String> columns = inTableOrder(first, second);
    // Codes number values by first appearance, so equal columns have equal codes and labels.
    if (first.labels().equals(second.labels()) && Arrays.equals(first.codes(), second.codes())) {
      add(Kind.IDENTICAL_COLUMNS, Severity.WARNING, columns,
          first.name() + " and " + second.name() + " hold the same value in every row (" + counts(first) + ")" + rest);
    } else if (first.yesNo() && second.yesNo()) {
      add(Kind.DERIVED_COLUMN, Severity.WARNING, columns,
          first.name() + " is Yes exactly where " + second.name() + " is No" + rest);
    } else {
      add(Kind.DERIVED_COLUMN, Severity.WARNING, columns, first.name() + " and " + second.name()
          + " correspond one to one (" + first.size() + " values each, e.g. " + display(first.labels().get(0))
          + " \u2194 " + display(second.labels().get(0)) + ")" + rest);
    }
  }

  private void derived(Coded from, Coded to) {
    // Codes number values by first appearance, so code 0 of from is the value on row 0.
    String example = display(from.labels().get(0)) + " \u2192 " + display(to.labels().get(to.code(0)));
    add(Kind.DERIVED_COLUMN, Severity.INFO, inTableOrder(from, to), to.name() + " is determined by " + from.name()
        + ": each of its " + from.size() + " values comes with a single " + to.name() + " (e.g. " + example
        + "), so " + to.name() + " adds nothing once " + from.name() + " is known");
  }

  private String counts(Coded column) {
    int[] counts = new int[column.size()];
    for (int row = 0; row < rows; row++) counts[column.code(row)]++;
    List<String> parts = new ArrayList<>();
    for (int code = 0; code < counts.length; code++) parts.add(counts[code] + " " + display(column.labels().get(code)));
    return String.join(", ", parts);
  }

  /**
   * Reports "A = a always comes with B = b" when every row with A = a has one value of B while B
   * varies elsewhere. Between two Yes/No columns the same fact also reads the other way round
   * (Subscription Status = Yes always with Discount Applied = Yes is Discount Applied = No always
   * with Subscription Status = No), so only the reading from a Yes is kept, or from the earlier
   * column when both or neither start from Yes.
   */
  private void implication(Coded from, Coded to, boolean fromFirst) {
    int[][] counts = new int[from.size()][to.size()];
    for (int row = 0; row < rows; row++) counts[from.code(row)][to.code(row)]++;
    for (int x = 0; x < from.size(); x++) {
      int only = onlyNonZero(counts[x]);
      if (only < 0) continue;
      String value = from.labels().get(x);
      if (to.yesNo()) {
        boolean fromYes = value.equals(YES);
        boolean reverseFromYes = to.other(only).equals(YES);
        if (fromYes == reverseFromYes ? !fromFirst : !fromYes) continue;
      }
      add(Kind.IMPLIED_VALUE, Severity.WARNING, inTableOrder(from, to),
          from.name() + " = " + value + " always comes with " + to.name() + " = " + display(to.labels().get(only))
              + " (all " + counts[x][only] + " such rows), though both columns vary; their effects cannot be told apart");
    }
  }

  /** The index of the single non-zero count, or -1 when there are none or several. */
  private static int onlyNonZero(int[] counts) {
    int found = -1;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == 0) continue;
      if (found >= 0) return -1;
      found = i;
    }
    return found;
  }

  private static List<String> inTableOrder(Coded one, Coded other) {
    return one.position() < other.position() ? List.of(one.name(), other.name()) : List.of(other.name(), one.name());
  }

  private static String display(String label) {
    return label.isEmpty() ? "(blank)" : label;
  }

  /** Frequency labels present in the data that mean the same number of purchases a year. */
  private void synonyms() {
    StringColumn column = table.stringColumn(Field.FREQUENCY.header());
    Map<String, Integer> byLabel = new HashMap<>();
    for (int row = 0; row < rows; row++) byLabel.merge(column.get(row), 1, Integer::sum);
    Map<Integer, List<Frequency>> byInterval = new LinkedHashMap<>();
    for (Frequency frequency : Frequency.values()) {
      if (byLabel.containsKey(frequency.label())) {
        byInterval.computeIfAbsent(frequency.purchasesPerYear(), k -> new ArrayList<>()).add(frequency);
      }
    }
    for (var group : byInterval.entrySet()) {
      if (group.getValue().size() < 2) continue;
      int total = group.getValue().stream().mapToInt(f -> byLabel.get(f.label())).sum();
      String labels = group.getValue().stream()
          .map(f -> f.label() + " (" + byLabel.get(f.label()) + " rows)")
          .collect(Collectors.joining(" and "));
      add(Kind.SYNONYM_LABELS, Severity.WARNING, List.of(Field.FREQUENCY.header()),
          labels + " both mean " + group.getKey() + " purchases a year; count them as one group (" + total
              + " rows) or use purchases per year, not the label");
    }
  }

  private void constants() {
    // In a one-row table every column is trivially constant, which says nothing.
    if (rows < 2) return;
    for (Field field : Field.values()) {
      Column<?> column = table.column(field.header());
      int first = firstPresent(column);
      if (first < 0) continue;
      Object value = column.get(first);
      boolean constant = true;
      for (int row = first + 1; row < rows && constant; row++) {
        constant = column.isMissing(row) || Objects.equals(value, column.get(row));
      }
      if (!constant) continue;
      int missing = column.countMissing();
      add(Kind.CONSTANT_COLUMN, Severity.INFO, List.of(field.header()), field.header() + " is "
          + label(column, first) + " in every row" + (missing == 0 ? "" : " that has a value (" + missing + " missing)")
          + ", so it cannot explain any difference between customers");
    }
  }

  private static int firstPresent(Column<?> column) {
    for (int row = 0; row < column.size(); row++) {
      if (!column.isMissing(row)) return row;
    }
    return -1;
  }

  private void header() {
    for (Field field : dataset.missingColumns()) {
      int near = HeaderMapping.closest(field, dataset.extraColumns());
      String misspelt = near < 0 ? "" : "; the extra column \"" + dataset.extraColumns().get(near) + "\" is close to its "
          + "name: if it is " + field.header() + ", choose it with --columns " + field.key() + "=" + dataset.extraColumns().get(near);
      add(Kind.MISSING_COLUMN, Severity.LIMITATION, List.of(field.header()), field.header() + " is not in the file, so "
          + field.key() + " is unavailable: rules and scores that need it cannot be evaluated and are reported as "
          + "unavailable, never guessed" + misspelt);
    }
    for (HeaderChoice choice : dataset.headerChoices()) {
      List<String> columns = new ArrayList<>(List.of(choice.header()));
      columns.addAll(choice.setAside());
      add(Kind.HEADER_CHOICE, choice.setAside().isEmpty() ? Severity.INFO : Severity.WARNING, columns, choice.describe());
    }
  }

  private void missingValues() {
    for (Field field : Field.values()) {
      if (dataset.missingColumns().contains(field)) continue;
      int missing = table.column(field.header()).countMissing();
      if (missing == 0) continue;
      add(Kind.MISSING_VALUES, Severity.WARNING, List.of(field.header()), field.header() + " is missing in "
          + missing + " of " + rows + " rows (" + percent(missing) + "); averages and models see only the rest");
    }
  }

  private String percent(int count) {
    return String.format(Locale.ROOT, "%.1f%%", 100.0 * count / rows);
  }

  private void outliers() {
    for (Field field : Field.values()) {
      switch (field.kind()) {
        case AGE, MONEY, COUNT, RATING -> outliers(field);
        default -> { }
      }
    }
  }

  private void outliers(Field field) {
    NumericColumn<?> column = table.numberColumn(field.header());
    double[] values = new double[rows - column.countMissing()];
    if (values.length == 0) return;
    int present = 0;
    for (int row = 0; row < rows; row++) {
      if (!column.isMissing(row)) values[present++] = column.getDouble(row);
    }
    Arrays.sort(values);
    double q1 = quantile(values, 0.25);
    double q3 = quantile(values, 0.75);
    double low = q1 - TUKEY_FACTOR * (q3 - q1);
    double high = q3 + TUKEY_FACTOR * (q3 - q1);
    int below = 0;
    while (below < values.length && values[below] < low) below++;
    int above = 0;
    while (above < values.length && values[values.length - 1 - above] > high) above++;
    if (below + above == 0) return;
    List<String> sides = new ArrayList<>();
    if (below > 0) sides.add(below + " below (lowest " + number(values[0]) + ")");
    if (above > 0) sides.add(above + " above (highest " + number(values[values.length - 1]) + ")");
    add(Kind.OUTLIERS, Severity.INFO, List.of(field.header()), field.header() + " has " + (below + above)
        + (below + above == 1 ? " value" : " values") + " outside the Tukey fences [" + number(low) + ", "
        + number(high) + "] (quartiles " + number(q1) + " and " + number(q3) + ", 1.5 \u00d7 IQR beyond them): "
        + String.join(", ", sides));
  }

  /**
   * Linear interpolation between order statistics (Hyndman and Fan type 7), the default of R and
   * NumPy, so the fences match what an analyst computes there.
   */
  private static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lower = (int) Math.floor(h);
    int upper = Math.min(lower + 1, sorted.length - 1);
    return sorted[lower] + (h - lower) * (sorted[upper] - sorted[lower]);
  }

  private static String number(double value) {
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }

  /**
   * The schema holds one snapshot per customer: no dates, and nothing that happened afterwards.
   * An extra column of ISO timestamps could supply a timeline, though not an outcome.
   */
  private void limitations(List<String> timestamped) {
    if (timestamped.isEmpty()) {
      add(Kind.NO_TIMESTAMPS, Severity.LIMITATION, List.of(), "No column holds dates or times: the table is one "
          + "snapshot per customer, so hourly heatmaps, 30-day trends, funnels and cohorts cannot be drawn from it alone");
    }
    add(Kind.NO_OUTCOME, Severity.LIMITATION, List.of(), "No column records what customers did after this snapshot "
        + "(a later purchase, churn, a response to an offer), so predictions from it cannot be evaluated against "
        + "outcomes; they describe patterns within the snapshot");
  }

  private void skippedRows() {
    List<SkippedRow> skipped = dataset.skipped();
    if (skipped.isEmpty()) return;
    String lines = skipped.stream().limit(LISTED_LINES).map(s -> String.valueOf(s.line())).collect(Collectors.joining(", "))
        + (skipped.size() > LISTED_LINES ? " and " + (skipped.size() - LISTED_LINES) + " more" : "");
    Set<String> named = skipped.stream().flatMap(s -> s.reasons().stream()).map(Issue::column)
        .filter(Objects::nonNull).collect(Collectors.toSet());
    List<String> columns = Arrays.stream(Field.values()).map(Field::header).filter(named::contains).toList();
    add(Kind.SKIPPED_ROWS, Severity.WARNING, columns, "A lenient read skipped " + skipped.size()
        + (skipped.size() == 1 ? " row (line " : " rows (lines ") + lines + "); everything here describes the "
        + rows + " rows kept");
  }

  private void extraColumns(List<String> timestamped) {
    List<String> extras = dataset.extraColumns();
    if (extras.isEmpty()) return;
    List<String> keys = ExtraColumn.keys(extras);
    List<String> named = new ArrayList<>();
    for (int e = 0; e < extras.size(); e++) {
      String name = extras.get(e);
      String kind = timestamped.contains(name) ? "ISO dates or times, kept as text"
          : table.column(name).type().equals(ColumnType.DOUBLE) ? "number"
          : table.column(name).type().equals(ColumnType.BOOLEAN) ? "yes/no" : "text";
      named.add(name + " as " + keys.get(e) + " (" + kind + ")");
    }
    add(Kind.EXTRA_COLUMNS, Severity.INFO, extras, extras.size()
        + (extras.size() == 1 ? " extra column is a feature" : " extra columns are features")
        + " that rules, score terms and action texts can name: " + String.join(", ", named));
  }

  /** Extra columns whose every non-blank value is an ISO date or date-time, with at least one value. */
  private List<String> timestampedExtraColumns() {
    List<String> found = new ArrayList<>();
    for (String name : dataset.extraColumns()) {
      if (!(table.column(name) instanceof StringColumn column)) continue;
      boolean any = false;
      boolean all = true;
      for (int row = 0; row < rows && all; row++) {
        String text = column.get(row).strip();
        if (text.isEmpty()) continue;
        any = true;
        all = isTimestamp(text);
      }
      if (any && all) found.add(name);
    }
    return found;
  }

  private static boolean isTimestamp(String text) {
    // Many exports write "2024-03-01 14:05:00"; ISO proper wants a T between date and time.
    String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
    try {
      ISO_TIMESTAMP.parse(iso);
      return true;
    } catch (DateTimeParseException notTimestamp) {
      return false;
    }
  }
}
