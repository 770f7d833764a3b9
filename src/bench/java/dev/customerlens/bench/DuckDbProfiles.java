package dev.customerlens.bench;

import dev.customerlens.persona.PersonaRules;
import dev.customerlens.persona.Traits;
import dev.customerlens.predict.Predictor;
import dev.customerlens.recommend.Recommender;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.StringJoiner;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The DuckDB baseline for any table of named features, such as the customers derived from a log:
 * each row's persona and traits by the model's rules and traits compiled to SQL
 * ({@link ScoringSql#profileColumns}), over the table's own columns typed as Tablesaw types them.
 */
public final class DuckDbProfiles {
  private DuckDbProfiles() {}

  /**
   * customer_id, persona and traits of every row of {@code features}, in row order.
   *
   * @param scratch a folder for the table's CSV, which DuckDB reads
   */
  public static Table of(Table features, PersonaRules rules, Traits traits, Path scratch) {
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
    String profiles = new ScoringSql(rules, traits, Predictor.defaults(), Recommender.defaults()).profileColumns();
    StringColumn ids = StringColumn.create("customer_id");
    StringColumn personas = StringColumn.create("persona");
    StringColumn labels = StringColumn.create("traits");
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
      s.execute("CREATE TABLE features AS SELECT " + columns + " FROM read_csv('" + csv.toString().replace("'", "''")
          + "', header = true, delim = ',', quote = '\"', columns = " + types + ")");
      try (ResultSet rows = s.executeQuery("SELECT customer_id, " + profiles + " FROM features ORDER BY rowid")) {
        while (rows.next()) {
          ids.append(rows.getString(1));
          personas.append(rows.getString(2));
          labels.append(rows.getString(3));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB: " + e.getMessage(), e);
    }
    return Table.create("profiles", ids, personas, labels);
  }

  private static String sqlType(ColumnType type) {
    if (type == ColumnType.INTEGER || type == ColumnType.LONG || type == ColumnType.SHORT) return "BIGINT";
    if (type == ColumnType.DOUBLE || type == ColumnType.FLOAT) return "DOUBLE";
    if (type == ColumnType.BOOLEAN) return "BOOLEAN";
    if (type == ColumnType.LOCAL_DATE) return "DATE";
    if (type == ColumnType.STRING) return "VARCHAR";
    throw new IllegalArgumentException("no SQL type for a " + type.name() + " column");
  }
}
