package dev.customerlens.bench;

import dev.customerlens.export.Export;
import dev.customerlens.persona.PersonaSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The DuckDB baseline: {@code DuckDbScore INPUT.csv OUT_DIR [THREADS]} runs the SQL of {@link ScoringSql}
 * in an in-memory database and writes scores.csv and personas.csv (DuckDB counts the persona summary's
 * cells, which the core turns into its lines). A main of its own, so the
 * benchmark runs it in a separate JVM and reads its peak memory like ours.
 */
public final class DuckDbScore {
  private DuckDbScore() {}

  public static void main(String[] args) throws Exception {
    Path input = Path.of(args[0]).toAbsolutePath();
    Path out = Path.of(args[1]).toAbsolutePath();
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    Files.createDirectories(out);
    ScoringSql sql = ScoringSql.defaults();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement s = db.createStatement()) {
      s.execute("SET threads = " + threads);
      timed("load", () -> s.execute(sql.load(input.toString())));
      long started = System.nanoTime();
      try (ResultSet check = s.executeQuery(sql.validate())) {
        check.next();
        long rows = check.getLong(1);
        if (check.getLong(2) != 0 || check.getLong(3) != rows) {
          throw new IllegalStateException(input + ": " + check.getLong(2) + " rows break the schema, "
              + (rows - check.getLong(3)) + " repeat an id");
        }
      }
      System.err.printf("validate %.2f s%n", (System.nanoTime() - started) / 1e9);
      timed("features", () -> s.execute(sql.features()));
      s.execute("DROP TABLE raw");
      double[] moments;
      try (ResultSet scaling = s.executeQuery(sql.scalingQuery())) {
        scaling.next();
        moments = new double[scaling.getMetaData().getColumnCount()];
        for (int i = 0; i < moments.length; i++) moments[i] = scaling.getDouble(i + 1);
      }
      timed("scored", () -> s.execute(sql.scored(sql.scaling(moments))));
      s.execute("DROP TABLE features");
      timed("category shift", () -> {
        for (String statement : sql.categoryShift()) s.execute(statement);
      });
      timed("write scores", () -> s.execute(sql.scores(out.resolve("scores.csv").toString())));
      timed("write personas", () -> Export.csv(PersonaSummary.table(DuckDbProfiles.cells(s, "scored").summary(sql.rules())),
          out.resolve("personas.csv")));
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB: " + e.getMessage(), e);
    }
  }

  private interface Step {
    void run() throws SQLException;
  }

  /** Runs one step and says on stderr how long it took, so a slow baseline shows where. */
  private static void timed(String what, Step step) throws SQLException {
    long started = System.nanoTime();
    step.run();
    System.err.printf("%s %.2f s%n", what, (System.nanoTime() - started) / 1e9);
  }
}
