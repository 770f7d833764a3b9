package dev.customerlens.bench;

import dev.customerlens.data.Features;
import dev.customerlens.data.Field;
import dev.customerlens.data.Frequency;
import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.persona.PersonaRules;
import dev.customerlens.persona.Trait;
import dev.customerlens.persona.Traits;
import dev.customerlens.predict.LinearScore;
import dev.customerlens.predict.Predictor;
import dev.customerlens.predict.SqlExpression;
import dev.customerlens.predict.Term;
import dev.customerlens.recommend.Priority;
import dev.customerlens.recommend.RecommendationRule;
import dev.customerlens.recommend.Recommender;
import dev.customerlens.recommend.Template;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The batch scoring job as SQL statements (DuckDB dialect), generated from the same declared rules
 * the engines compile: persona rules, traits and recommendation conditions through their own
 * {@code toSql()}, the activity score through {@link LinearScore#toSql} with the base's scaling
 * measured in SQL, percentiles as {@code Features.percentile} defines them (mid-rank), the category
 * shift with window counts. Running it is the baseline, and agreeing with it checks the translation.
 */
final class ScoringSql {

  private final PersonaRules rules;
  private final Traits traits;
  private final Predictor predictor;
  private final Recommender recommender;

  ScoringSql(PersonaRules rules, Traits traits, Predictor predictor, Recommender recommender) {
    this.rules = rules;
    this.traits = traits;
    this.predictor = predictor;
    this.recommender = recommender;
  }

  static ScoringSql defaults() {
    return new ScoringSql(PersonaRules.defaults(), Traits.defaults(), Predictor.defaults(), Recommender.defaults());
  }

  PersonaRules rules() {
    return rules;
  }

  /** Loads the CSV with typed columns, in file order (DuckDB keeps insertion order, so rowid is the file row). */
  String load(String csv) {
    StringJoiner columns = new StringJoiner(", ", "{", "}");
    for (Field field : Field.values()) {
      String type = switch (field.kind()) {
        case AGE, COUNT -> "INTEGER";
        case MONEY, RATING -> "DOUBLE";
        default -> "VARCHAR";
      };
      columns.add("'" + field.key() + "': '" + type + "'");
    }
    return "CREATE TABLE raw AS SELECT * FROM read_csv(" + text(csv) + ", header = true, delim = ',', quote = '\"', "
        + "escape = '\"', columns = " + columns + ")";
  }

  /** One row: rows, rows breaking a rule of the schema, distinct ids. The job fails unless bad = 0 and ids = rows. */
  String validate() {
    List<String> bad = new ArrayList<>();
    for (Field field : Field.values()) {
      String c = field.key();
      String blank = field.kind() == Field.Kind.AGE || field.kind() == Field.Kind.COUNT || field.kind() == Field.Kind.MONEY
          || field.kind() == Field.Kind.RATING ? c + " IS NULL" : "coalesce(trim(" + c + "), '') = ''";
      if (field.required()) bad.add(blank);
      switch (field.kind()) {
        case AGE -> bad.add(c + " NOT BETWEEN " + Field.MIN_AGE + " AND " + Field.MAX_AGE);
        case COUNT, MONEY -> bad.add(c + " < 0");
        case RATING -> bad.add(c + " NOT BETWEEN 1 AND 5");
        case YES_NO -> bad.add("lower(trim(" + c + ")) NOT IN ('yes', 'no')");
        case FREQUENCY -> bad.add(squashed(c) + " NOT IN (" + java.util.Arrays.stream(Frequency.values())
                .map(f -> text(f.label().toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", ""))).collect(Collectors.joining(", ")) + ")");
        default -> { }
      }
    }
    return "SELECT count(*), count(*) FILTER (WHERE " + String.join(" OR ", bad.stream().map(b -> "coalesce(" + b + ", FALSE)").toList())
        + "), count(DISTINCT trim(customer_id)) FROM raw";
  }

  /** {@code Frequency.parse}'s key: lower case without spaces, tabs, hyphens or underscores (replace, not a regex: it is cheaper). */
  private static String squashed(String column) {
    return "replace(replace(replace(replace(lower(" + column + "), ' ', ''), chr(9), ''), '-', ''), '_', '')";
  }

  /** The feature table of {@code Features.of}: snake_case fields, yes/no as booleans, age band, purchases a year, amount percentile. */
  String features() {
    StringJoiner select = new StringJoiner(",\n  ", "CREATE TABLE features AS WITH f AS (SELECT\n  rowid AS rn,\n  ", "\nFROM raw)\n");
    for (Field field : Field.values()) {
      String c = field.key();
      select.add(switch (field.kind()) {
        case ID, TEXT -> "nullif(trim(" + c + "), '') AS " + c;
        case YES_NO -> "lower(trim(" + c + ")) = 'yes' AS " + c;
        case FREQUENCY -> frequencyCase(c, true) + " AS " + c;
        default -> c;
      });
    }
    select.add(ageBands() + " AS " + Features.AGE_BAND);
    select.add(frequencyCase(Field.FREQUENCY.key(), false) + " AS " + Features.PURCHASES_PER_YEAR);
    return select + "SELECT f.*, r.percentile AS " + Features.AMOUNT_PERCENTILE + " FROM f JOIN "
        + percentiles("f", Field.PURCHASE_AMOUNT.key()) + " r ON r.x = f." + Field.PURCHASE_AMOUNT.key();
  }

  /**
   * {@code Features.percentile} of each distinct value of {@code x}: 100 × (rows below + (rows equal − 1) / 2)
   * / rows, in doubles as there. Ranked over distinct values and joined back, which is far cheaper
   * than window functions over every (wide) row.
   */
  private static String percentiles(String table, String x) {
    return "(SELECT x, 100.0::DOUBLE * (coalesce(sum(n) OVER (ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)::DOUBLE"
        + " + (n - 1)::DOUBLE / 2.0::DOUBLE) / (sum(n) OVER ())::DOUBLE AS percentile"
        + " FROM (SELECT " + x + " AS x, count(*) AS n FROM " + table + " GROUP BY " + x + "))";
  }

  /** The bands of {@code Features.ageBand}, read off it for every valid age. */
  private static String ageBands() {
    StringBuilder sql = new StringBuilder("CASE");
    for (int age = Field.MIN_AGE; age <= Field.MAX_AGE; age++) {
      String band = Features.ageBand(age);
      if (age == Field.MAX_AGE || !Features.ageBand(age + 1).equals(band)) {
        sql.append(" WHEN age <= ").append(age).append(" THEN ").append(text(band));
      }
    }
    return sql.append(" END").toString();
  }

  /** The canonical label ({@code Frequency.parse}) or purchases a year of a raw frequency cell. */
  private static String frequencyCase(String column, boolean label) {
    StringBuilder sql = new StringBuilder("CASE " + squashed(column));
    for (Frequency f : Frequency.values()) {
      sql.append(" WHEN ").append(text(f.label().toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", ""))).append(" THEN ")
          .append(label ? text(f.label()) : f.purchasesPerYear() + ".0::DOUBLE");
    }
    return sql.append(" END").toString();
  }

  /** Mean, standard deviation and variance of each standardised term's input, for {@link LinearScore.Scaling}. */
  String scalingQuery() {
    StringJoiner select = new StringJoiner(", ", "SELECT ", " FROM features");
    for (Term term : predictor.activity().terms()) {
      String x = termInput(term);
      select.add("sum(" + x + ")").add("sum((" + x + ") * (" + x + "))").add("count(" + x + ")");
    }
    return select.toString();
  }

  private static String termInput(Term term) {
    return switch (term.scale()) {
      case FLAG -> "CASE WHEN " + term.feature() + " THEN 1.0 ELSE 0.0 END";
      case STANDARDISED -> term.feature() + "::DOUBLE";
      case LOG_STANDARDISED -> "ln(1 + " + term.feature() + "::DOUBLE)";
    };
  }

  /** The scaling from each term's sum, sum of squares and count, as every engine turns its moments into one. */
  LinearScore.Scaling scaling(double[] moments) {
    List<Term> terms = predictor.activity().terms();
    double[] sum = new double[terms.size()];
    double[] squares = new double[terms.size()];
    long[] count = new long[terms.size()];
    for (int t = 0; t < terms.size(); t++) {
      count[t] = (long) moments[3 * t + 2];
      sum[t] = count[t] == 0 ? 0 : moments[3 * t];
      squares[t] = count[t] == 0 ? 0 : moments[3 * t + 1];
    }
    return LinearScore.Scaling.of(terms, sum, squares, count);
  }

  /** Each row's persona (the rules as one CASE) and its trait labels, as two select items. */
  String profileColumns() {
    StringJoiner traitLabels = new StringJoiner(",\n    ", "concat_ws('; ',\n    ", ")");
    for (Trait trait : traits.traits()) traitLabels.add("CASE WHEN " + trait.when().toSql() + " THEN " + text(trait.label()) + " END");
    return rules.toSql().replace("\n", "\n  ") + " AS persona,\n  " + traitLabels + " AS traits";
  }

  /** Persona, traits and every per-customer score, with the clv percentile and revenue potential. */
  String scored(LinearScore.Scaling scaling) {
    StringJoiner derived = new StringJoiner(",\n  ", "predicted AS MATERIALIZED (SELECT *,\n  ", "\n  FROM personas)\n");
    predictor.derivedScores().forEach((name, formula) -> derived.add(formula.compile(new SqlExpression()) + " AS " + name));
    return "CREATE TABLE scored AS\n"
        + "WITH personas AS (SELECT *,\n  " + profileColumns() + ",\n  " + predictor.activity().toSql(scaling) + " AS p_active\n  FROM features),\n"
        + derived + cuts();
  }

  /**
   * A log's customers: persona and traits over their features, which carry the scores the core's
   * fitted forecast made for each ({@code LogScore.COLUMNS}: forecasts have no SQL form), then the
   * same cuts as for a customer table.
   */
  String scoredLog() {
    return "CREATE TABLE scored AS\n"
        + "WITH predicted AS MATERIALIZED (SELECT *,\n  " + profileColumns() + "\n  FROM features)\n" + cuts();
  }

  /** The next action, the clv percentile and the revenue potential of every row of {@code predicted}. */
  private static String cuts() {
    return "SELECT p.*, CASE WHEN churn_risk >= " + number(Predictor.ACTION_CUT) + " THEN " + text(Predictor.ACTIONS.get(0))
        + " WHEN purchase_probability >= " + number(Predictor.ACTION_CUT) + " THEN " + text(Predictor.ACTIONS.get(1))
        + " ELSE " + text(Predictor.ACTIONS.get(2)) + " END AS next_action,\n"
        + "  c.percentile AS clv_percentile,\n"
        + "  CASE WHEN a.percentile >= " + number(Predictor.HIGH_POTENTIAL_FROM) + " THEN " + text(Predictor.POTENTIALS.get(0))
        + " WHEN a.percentile < " + number(Predictor.LOW_POTENTIAL_BELOW) + " THEN " + text(Predictor.POTENTIALS.get(2))
        + " ELSE " + text(Predictor.POTENTIALS.get(1)) + " END AS revenue_potential\n"
        + "FROM predicted p JOIN " + percentiles("predicted", "clv") + " c ON c.x = p.clv JOIN "
        + percentiles("predicted", "expected_annual_value") + " a ON a.x = p.expected_annual_value";
  }

  /**
   * {@code CategoryShift}: per persona and age band, the other category with the highest share; the
   * persona mix and the cell share are the model's formulas, compiled to SQL over the counts.
   */
  List<String> categoryShift() {
    String mix = Predictor.personaCategoryMix().compile(new SqlExpression());
    String share = predictor.cellCategoryShare().compile(new SqlExpression());
    return List.of(
        "CREATE TABLE cells AS SELECT persona, age_band, category, count(*) AS n FROM scored GROUP BY ALL",
        "CREATE TABLE cats AS SELECT DISTINCT category FROM cells",
        "CREATE TABLE mix AS SELECT persona, category, " + mix + " AS mix FROM (SELECT p.persona, c.category, "
            + "coalesce(pc.n, 0) AS " + Predictor.IN_PERSONA_BUYING + ", pt.n AS " + Predictor.IN_PERSONA + ", k.k AS "
            + Predictor.CATEGORIES + " "
            + "FROM (SELECT persona, sum(n) AS n FROM cells GROUP BY persona) pt JOIN (SELECT DISTINCT persona FROM cells) p USING (persona) "
            + "CROSS JOIN cats c CROSS JOIN (SELECT count(*) AS k FROM cats) k "
            + "LEFT JOIN (SELECT persona, category, sum(n) AS n FROM cells GROUP BY ALL) pc ON pc.persona = p.persona AND pc.category = c.category)",
        "CREATE TABLE choice AS WITH sizes AS (SELECT persona, age_band, sum(n) AS n FROM cells GROUP BY ALL), "
            + "shares AS (SELECT persona, age_band, category, " + share + " AS share FROM (SELECT s.persona, s.age_band, c.category, "
            + "coalesce(x.n, 0) AS " + Predictor.IN_CELL_BUYING + ", m.mix AS " + Predictor.PERSONA_MIX + ", s.n AS "
            + Predictor.IN_CELL + " FROM sizes s CROSS JOIN cats c "
            + "JOIN mix m ON m.persona = s.persona AND m.category = c.category "
            + "LEFT JOIN cells x ON x.persona = s.persona AND x.age_band = s.age_band AND x.category = c.category)) "
            + "SELECT s.persona, s.age_band, o.category AS own, s.category AS next_category, s.share AS next_category_probability "
            + "FROM shares s JOIN cats o ON s.category <> o.category OR (SELECT count(*) FROM cats) = 1 "
            + "QUALIFY row_number() OVER (PARTITION BY s.persona, s.age_band, o.category ORDER BY s.share DESC, s.category) = 1");
  }

  /** The scored-customer table, most urgent recommendation first, in file order. */
  String scores(String csv) {
    return scores(csv, List.of());
  }

  /** The same, with {@code more} columns of the scored table after the recommendation (a log's forecasts). */
  String scores(String csv, List<String> more) {
    List<RecommendationRule> recs = recommender.rules();
    String raised = "clv_percentile >= " + number(recommender.raiseAtClvPercentile());
    return "COPY (SELECT customer_id, persona, traits, 100 * purchase_probability AS purchase_pct, 100 * churn_risk AS churn_pct, "
        + "revenue_potential, clv,\n"
        + "  CASE WHEN " + raised + " THEN " + topCase(recs, true, true) + " ELSE " + topCase(recs, false, true) + " END AS priority,\n"
        + "  CASE WHEN " + raised + " THEN " + topCase(recs, true, false) + " ELSE " + topCase(recs, false, false) + " END AS recommendation"
        + more.stream().map(c -> ", " + c).collect(Collectors.joining()) + "\n"
        + "FROM (SELECT s.*, c.next_category, c.next_category_probability FROM scored s LEFT JOIN choice c "
        + "ON c.persona = s.persona AND c.age_band = s.age_band AND c.own = s.category)\n"
        + "ORDER BY rn) TO " + text(csv) + " (HEADER, DELIMITER ',')";
  }

  /** The first matching rule in the order of its effective priority: the rule's own, raised for valuable customers. */
  private static String topCase(List<RecommendationRule> recs, boolean raised, boolean priority) {
    List<Integer> order = IntStream.range(0, recs.size()).boxed()
        .sorted(Comparator.comparing((Integer r) -> effective(recs.get(r), raised)).thenComparingInt(r -> r)).toList();
    StringBuilder sql = new StringBuilder("CASE");
    for (int r : order) {
      RecommendationRule rule = recs.get(r);
      sql.append(" WHEN ").append(rule.when().toSql()).append(" THEN ")
          .append(priority ? text(effective(rule, raised).label()) : template(rule.action()));
    }
    return sql.append(" ELSE '' END").toString();
  }

  private static Priority effective(RecommendationRule rule, boolean raised) {
    return raised && rule.priority() != Priority.HIGH ? rule.priority().raised() : rule.priority();
  }

  /** An action's {@code Template} as SQL: text columns only. */
  private static String template(String action) {
    return Template.of(action).compile(new Template.Engine<String>() {
      public String literal(String text) {
        return text(text);
      }

      public String column(String name) {
        return "coalesce(nullif(" + name + ", ''), " + text(Template.MISSING) + ")";
      }

      public String concat(List<String> parts) {
        return "(" + String.join(" || ", parts) + ")";
      }
    });
  }

  private static String text(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /** A double literal DuckDB reads back to the same double. */
  private static String number(double d) {
    if (Double.isInfinite(d) || Double.isNaN(d)) throw new WorkspaceException("not a finite number: " + d);
    return "'" + d + "'::DOUBLE";
  }
}
