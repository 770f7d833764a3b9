package dev.customerlens.bench;

import dev.customerlens.clv.LogScore;
import dev.customerlens.data.Features;
import dev.customerlens.model.CustomerModel;
import dev.customerlens.persona.PersonaCells;
import dev.customerlens.persona.PersonaRules;
import dev.customerlens.persona.PersonaSummary;
import dev.customerlens.persona.Traits;
import dev.customerlens.predict.Predictor;
import dev.customerlens.recommend.Recommender;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The DuckDB baseline for any table of named features, such as the customers derived from a log:
 * each row's persona and traits by the model's rules and traits compiled to SQL
 * ({@link ScoringSql#profileColumns}), over the table's own columns typed as Tablesaw types them,
 * and their persona summary from DuckDB's counts.
 */
public final class DuckDbProfiles {
  private DuckDbProfiles() {}

  /**
   * @param table customer_id, persona and traits of every row of the features, in row order
   * @param summary the persona summary of those customers, from DuckDB's counts ({@link #cells})
   */
  public record Profiles(Table table, List<PersonaSummary.Line> summary) {}

  /**
   * The profiles of every row of {@code features}, and their persona summary.
   *
   * @param scratch a folder for the table's CSV, which DuckDB reads
   */
  public static Profiles of(Table features, PersonaRules rules, Traits traits, Path scratch) {
    String profiles = new ScoringSql(rules, traits, Predictor.defaults(), Recommender.defaults()).profileColumns();
    StringColumn ids = StringColumn.create("customer_id");
    StringColumn personas = StringColumn.create("persona");
    StringColumn labels = StringColumn.create("traits");
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
      s.execute("CREATE TABLE features AS " + load(features, scratch));
      s.execute("CREATE TABLE profiled AS SELECT *, " + profiles + " FROM features ORDER BY rowid");
      try (ResultSet rows = s.executeQuery("SELECT customer_id, persona, traits FROM profiled ORDER BY rowid")) {
        while (rows.next()) {
          ids.append(rows.getString(1));
          personas.append(rows.getString(2));
          labels.append(rows.getString(3));
        }
      }
      return new Profiles(Table.create("profiles", ids, personas, labels), cells(s, "profiled").summary(rules));
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB: " + e.getMessage(), e);
    }
  }

  /**
   * {@code lens score --events}'s scores.csv for a log's customers, written to {@code out} by
   * {@link ScoringSql#scoredLog}: {@code features} carry each customer's scores from the core's fitted
   * forecast ({@code LogScore.COLUMNS}), and DuckDB assigns personas and traits, cuts, the category
   * shift and the recommendations by {@code model}.
   */
  public static Path scores(Table features, CustomerModel model, Path scratch, Path out) {
    ScoringSql sql = new ScoringSql(model.rules(), model.traits(), model.predictor(), model.recommender());
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
      s.execute("CREATE TABLE loaded AS " + load(features, scratch));
      // As Cells.ageBands: a log has no ages, so every customer is in one blank band.
      s.execute("CREATE TABLE features AS SELECT rowid AS rn, *" + (features.containsColumn(Features.AGE_BAND) ? ""
          : ", '' AS " + Features.AGE_BAND) + " FROM loaded");
      s.execute(sql.scoredLog());
      for (String statement : sql.categoryShift()) s.execute(statement);
      s.execute(sql.scores(out.toAbsolutePath().toString(), LogScore.FORECAST_COLUMNS));
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB: " + e.getMessage(), e);
    }
  }

  /** A query of {@code features}' columns typed as Tablesaw types them, read from a CSV in {@code scratch}. */
  private static String load(Table features, Path scratch) {
    Path csv = scratch.resolve("features.csv").toAbsolutePath();
    features.write().csv(csv.toFile());
    StringJoiner types = new StringJoiner(", ", "{", "}");
    StringJoiner columns = new StringJoiner(", ");
    for (Column<?> column : features.columns()) {
      String type = sqlType(column.type());
      types.add("'" + column.name() + "': '" + type + "'");
      // The rules read a blank text cell as '' (Tablesaw's missing text), not as NULL.
      columns.add(type.equals("VARCHAR") ? "coalesce(" + column.name() + ", '') AS " + column.name() : column.name());
    }
    return "SELECT " + columns + " FROM read_csv('" + csv.toString().replace("'", "''")
        + "', header = true, delim = ',', quote = '\"', columns = " + types + ")";
  }

  /**
   * The persona summary's counts over DuckDB's {@code table} (a persona column and whichever
   * summarised columns it has): DuckDB runs {@code PersonaCells.query}, which only counts and sums,
   * and the core makes the lines from them, so no figure of the summary is written in SQL.
   */
  public static PersonaCells cells(Statement s, String table) throws SQLException {
    Set<String> columns = new HashSet<>();
    try (ResultSet none = s.executeQuery("SELECT * FROM " + table + " LIMIT 0")) {
      for (int c = 1; c <= none.getMetaData().getColumnCount(); c++) columns.add(none.getMetaData().getColumnName(c));
    }
    List<Object[]> rows = new ArrayList<>();
    try (ResultSet cells = s.executeQuery(PersonaCells.query(table, columns, '"'))) {
      int width = cells.getMetaData().getColumnCount();
      while (cells.next()) {
        Object[] row = new Object[width];
        for (int c = 0; c < width; c++) row[c] = cells.getObject(c + 1);
        rows.add(row);
      }
    }
    return PersonaCells.of(rows);
  }

  /**
   * By equality, not identity: a JVM whose first Tablesaw call makes a number column holds two
   * DOUBLE types (Tablesaw's type constants and singletons initialise each other), and a column can
   * carry either.
   */
  private static String sqlType(ColumnType type) {
    if (type.equals(ColumnType.INTEGER) || type.equals(ColumnType.LONG) || type.equals(ColumnType.SHORT)) return "BIGINT";
    if (type.equals(ColumnType.DOUBLE) || type.equals(ColumnType.FLOAT)) return "DOUBLE";
    if (type.equals(ColumnType.BOOLEAN)) return "BOOLEAN";
    if (type.equals(ColumnType.LOCAL_DATE)) return "DATE";
    if (type.equals(ColumnType.STRING)) return "VARCHAR";
    throw new IllegalArgumentException("no SQL type for a " + type.name() + " column");
  }
}
