package dev.customerlens.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.analysis.Analysis;
import dev.customerlens.data.Dataset;
import dev.customerlens.data.Features;
import dev.customerlens.events.CustomerFeatures;
import dev.customerlens.events.EventLog;
import dev.customerlens.export.Export;
import dev.customerlens.generate.SyntheticCustomers;
import dev.customerlens.model.CustomerModel;
import dev.customerlens.model.ProfileEngine;
import dev.customerlens.persona.PersonaRule;
import dev.customerlens.persona.PersonaRules;
import dev.customerlens.persona.Trait;
import dev.customerlens.persona.Traits;
import dev.customerlens.predict.LinearScore;
import dev.customerlens.predict.Predictor;
import dev.customerlens.predict.Term;
import dev.customerlens.recommend.Priority;
import dev.customerlens.recommend.RecommendationRule;
import dev.customerlens.recommend.RecommendationType;
import dev.customerlens.recommend.Recommender;
import dev.customerlens.rules.Condition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.selection.Selection;

/**
 * An analysis whose personas, traits and score terms the columnar engine computes is the analysis
 * the Tablesaw evaluation gives, to the last bit: every column of the scored table, the persona
 * summary, the recommendations, the plan and a customer's document.
 */
class ColumnarProfilesTest {
  @TempDir Path dir;

  @Test
  void theEmbeddedDataIsAnalysedExactlyAsByTablesaw() {
    assertSameAnalysis(Dataset.embedded(), PersonaRules.defaults(), Traits.defaults(), Predictor.defaults());
  }

  @Test
  void aHundredThousandGeneratedRowsAreAnalysedExactlyAsByTablesaw() throws Exception {
    Path input = dir.resolve("customers.csv");
    Export.atomically(input, SyntheticCustomers.withSeed(11).rows(100_000)::writeCsv);
    assertSameAnalysis(Dataset.read(input), PersonaRules.defaults(), Traits.defaults(), Predictor.defaults());
  }

  @Test
  void editedRulesTraitsAndTermsOnTheFilesOwnColumnsAreAnalysedExactlyAsByTablesaw() throws Exception {
    Path input = dir.resolve("own.csv");
    List<String> lines = Files.readAllLines(Path.of("data/customers.csv"));
    // A column of the file's own named Spend is what the persona summary totals, as a log's spend is.
    List<String> withOwn = new ArrayList<>(List.of(lines.get(0) + ",Loyalty Tier,Store Visits,Spend"));
    for (int i = 1; i < lines.size(); i++) {
      withOwn.add(lines.get(i) + "," + (i % 3 == 0 ? "Gold" : "Silver") + "," + (i % 7 == 0 ? "" : i % 9) + ","
          + i % 50);
    }
    Files.write(input, withOwn);
    List<Term> terms = new ArrayList<>(Predictor.defaults().activity().terms());
    terms.add(new Term("store_visits", Term.Scale.LOG_STANDARDISED, -0.4, "store visits"));
    assertSameAnalysis(Dataset.read(input),
        PersonaRules.defaults().first(PersonaRule.of("Gold Regular", "Gold, 3+ visits", "loyalty_tier = 'Gold' AND store_visits >= 3")),
        Traits.defaults().add(Trait.of("mid spender", "amount_percentile > 40 AND amount_percentile <= 60")),
        new Predictor(new LinearScore("p_active", 0.5, terms), 60, 5, 0.08, 4));
  }

  @Test
  void theEmbeddedDataJoinedWithItsLogIsAnalysedExactlyAsByTablesaw() {
    Dataset dataset = Dataset.embedded();
    EventLog log = EventLog.embedded();
    Analysis tablesaw = new Analysis(dataset, PersonaRules.defaults(), Traits.defaults(), Predictor.defaults(),
        Recommender.defaults(), log, ProfileEngine.TABLESAW);
    Analysis columnar = new Analysis(dataset, PersonaRules.defaults(), Traits.defaults(), Predictor.defaults(),
        Recommender.defaults(), log, ColumnarProfiles.ENGINE);
    assertSameTable(tablesaw.scored(), columnar.scored());
    assertSameTable(tablesaw.personas(), columnar.personas());
    assertEquals(tablesaw.customer("1").toJson(), columnar.customer("1").toJson());
  }

  @Test
  void theEmbeddedLogsOwnCustomersAreAnalysedExactlyAsByTablesaw() {
    EventLog log = EventLog.embedded();
    Dataset features = CustomerFeatures.dataset(log, EventLog.embeddedSha256());
    Recording engine = new Recording();
    Analysis analysis = assertSameAnalysis(features, log, CustomerModel.forLogs(), engine);
    // Their scores come from the fitted forecasts; the engine matched the recommendation rules over the scored table.
    assertEquals(Recommender.forLogs().rules().size(), engine.matched.size());
    assertTrue(engine.matched.stream().allMatch(rule -> rule.size() < analysis.scored().rowCount()));
    assertTrue(engine.matched.stream().mapToInt(Selection::size).sum() > 0);
  }

  @Test
  void editedRulesOnALogsDatesMissingNumbersAndTextAreAnalysedExactlyAsByTablesaw() {
    EventLog log = EventLog.embedded();
    Dataset features = CustomerFeatures.dataset(log, EventLog.embeddedSha256());
    PersonaRules rules = PersonaRules.forLogs()
        .first(PersonaRule.of("Spring Regular", "Bought since March, every 30 days or less",
            "last_purchase >= '2024-03-01' AND mean_interpurchase_days <= 30"))
        .first(PersonaRule.of("Window Shopper", "Carted, never bought, not steady", "carts > 0 AND orders = 0 AND trend != 'steady'"));
    Traits traits = Traits.forLogs()
        .add(Trait.of("evening buyer", "preferred_hour IN (18, 19, 20, 21)"))
        .add(Trait.of("weekend buyer", "preferred_weekday IN ('SATURDAY', 'SUNDAY')"))
        .add(Trait.of("first bought in January", "first_purchase >= '2024-01-01' AND first_purchase < '2024-02-01'"));
    assertSameAnalysis(features, log, CustomerModel.forLogs().withRules(rules).withTraits(traits));
  }

  @Test
  void rulesAndTraitsOnAJoinedLogsNumbersTextAndDatesAreAnalysedByTheEngineExactlyAsByTablesaw() {
    PersonaRules rules = PersonaRules.defaults().first(PersonaRule.of("Recent", "Bought in the last week",
        "log_recency_days <= 7"));
    Traits traits = Traits.defaults()
        .add(Trait.of("falling", "log_trend = 'falling'"))
        .add(Trait.of("bought in June", "log_last_purchase >= '2024-06-01' AND log_views >= 1"));
    Analysis analysis = assertSameAnalysis(Dataset.embedded(), EventLog.embedded(),
        new CustomerModel(rules, traits, Predictor.defaults(), Recommender.defaults()));
    // Not vacuous: some customers match, and customers the log does not know (their log_ features missing) are among the rest.
    assertTrue(analysis.scored().stringColumn("persona").isEqualTo("Recent").size() > 0);
    assertTrue(analysis.scored().stringColumn("traits").asList().stream().anyMatch(t -> t.contains("falling")));
    assertTrue(analysis.scored().numberColumn("log_recency_days").isMissing().size() > 0);
  }

  @Test
  void aScoreTermOnAJoinedLogsColumnIsLeftToTablesaw() {
    List<Term> terms = new ArrayList<>(Predictor.defaults().activity().terms());
    terms.add(new Term("log_orders", Term.Scale.LOG_STANDARDISED, 0.3, "orders in the log"));
    Predictor predictor = new Predictor(new LinearScore("p_active", 0.5, terms), 60, 5, 0.08, 4);
    Recording engine = new Recording();
    Analysis analysis = new Analysis(Dataset.embedded(), PersonaRules.defaults(), Traits.defaults(), predictor,
        Recommender.defaults(), EventLog.embedded(), engine);
    assertNull(engine.profiles, "the engine declined the term, which it reads per dictionary code");
    assertEquals(0, analysis.scored().doubleColumn("p_active").countMissing());
  }

  @Test
  void aRuleWrittenAsAJavaPredicateIsLeftToTablesaw() {
    PersonaRules rules = PersonaRules.defaults().first(PersonaRule.of("Texan", "Lives in Texas",
        row -> row.getString("location").equals("Texas")));
    Dataset dataset = Dataset.embedded();
    assertTrue(ColumnarProfiles.ENGINE.profile(dataset, Features.of(dataset), CustomerModel.defaults().withRules(rules))
        .isEmpty());
    Analysis analysis = new Analysis(dataset, rules, Traits.defaults(), Predictor.defaults(), Recommender.defaults(), null,
        ColumnarProfiles.ENGINE);
    assertTrue(analysis.scored().stringColumn("persona").isEqualTo("Texan").size() > 0);
  }

  /**
   * Rules on every kind of column the engine computes (next action, revenue potential, next category
   * and its probability, persona, traits, lifetime-value percentiles each way) and on a joined log's
   * column: the engine finds their matches, and the list, plan and customers are Tablesaw's.
   */
  @Test
  void recommendationRulesOnScoresPersonasAndAJoinedLogAreMatchedByTheEngineExactlyAsByTablesaw() {
    Recommender recommender = Recommender.defaults()
        .add(rule("Rescue", "next_action = 'Churn Risk' AND revenue_potential IN ('High', 'Medium')"))
        .add(rule("Shift to {next_category}", "next_category = 'Accessories' AND next_category_probability > 0.3"))
        .add(rule("Thank", "persona = 'Premium Loyalist' OR traits = ''"))
        .add(rule("Middle", "clv_percentile > 25 AND clv_percentile <= 75 AND NOT churn_risk >= 0.6"))
        .add(rule("Lapsed online", "log_recency_days > 60"));
    Recording engine = new Recording();
    Analysis analysis = assertSameAnalysis(Dataset.embedded(), EventLog.embedded(),
        CustomerModel.defaults().withRecommender(recommender), engine);
    List<Selection> matches = engine.profiles.recommendations();
    assertEquals(recommender.rules().size(), matches.size(), "the engine matched every rule");
    for (int r = recommender.rules().size() - 5; r < matches.size(); r++) {
      int found = matches.get(r).size();
      assertTrue(found > 0 && found < analysis.scored().rowCount(), recommender.rules().get(r).action() + ": " + found);
    }
  }

  @Test
  void aRecommendationRuleWrittenAsAJavaPredicateLeavesOnlyTheRecommendationsToTablesaw() {
    Recommender recommender = Recommender.defaults().add(new RecommendationRule(RecommendationType.MARKETING,
        Priority.LOW, "Texas event", "", Condition.matching("lives in Texas",
            row -> row.getString("location").equals("Texas")), "lives in Texas"));
    Recording engine = new Recording();
    Analysis analysis = assertSameAnalysis(Dataset.embedded(), null, CustomerModel.defaults().withRecommender(recommender),
        engine);
    assertNull(engine.profiles.recommendations(), "the engine cannot compile a Java predicate with the profiles");
    assertNull(engine.matched, "nor over the scored table");
    assertTrue(engine.profiles.scores() != null, "but it still computed the scores");
    assertTrue(analysis.recommendations().stringColumn("action").isEqualTo("Texas event").size() > 0);
  }

  private static RecommendationRule rule(String action, String when) {
    return RecommendationRule.of(RecommendationType.RETENTION, Priority.MEDIUM, action, "", when, "");
  }

  private static void assertSameAnalysis(Dataset dataset, PersonaRules rules, Traits traits, Predictor predictor) {
    assertSameAnalysis(dataset, null, new CustomerModel(rules, traits, predictor, Recommender.defaults()));
  }

  /** The columnar engine, noting what it gave: the profiles, and matches over a scored table. */
  private static final class Recording implements ProfileEngine {
    Profiles profiles;
    List<Selection> matched;

    @Override
    public Optional<Profiles> profile(Dataset dataset, Table features, CustomerModel model) {
      Optional<Profiles> given = ColumnarProfiles.ENGINE.profile(dataset, features, model);
      given.ifPresent(p -> profiles = p);
      return given;
    }

    @Override
    public Optional<List<Selection>> recommendationMatches(Table scored, Recommender recommender) {
      Optional<List<Selection>> given = ColumnarProfiles.ENGINE.recommendationMatches(scored, recommender);
      given.ifPresent(m -> matched = m);
      return given;
    }
  }

  /**
   * @param log null for a customer table on its own
   * @return the columnar engine's analysis
   */
  private static Analysis assertSameAnalysis(Dataset dataset, EventLog log, CustomerModel model) {
    return assertSameAnalysis(dataset, log, model, new Recording());
  }

  /** As {@link #assertSameAnalysis(Dataset, EventLog, CustomerModel)}, noting what the engine gave in {@code engine}. */
  private static Analysis assertSameAnalysis(Dataset dataset, EventLog log, CustomerModel model, Recording engine) {
    Analysis tablesaw = new Analysis(dataset, model.rules(), model.traits(), model.predictor(), model.recommender(), log,
        ProfileEngine.TABLESAW);
    Analysis columnar = new Analysis(dataset, model.rules(), model.traits(), model.predictor(), model.recommender(), log,
        engine);
    assertNotNull(engine.profiles, "the engine took it");
    assertSameTable(tablesaw.scored(), columnar.scored());
    assertSameTable(tablesaw.personas(), columnar.personas());
    assertSameTable(tablesaw.recommendations(), columnar.recommendations());
    assertSameTable(tablesaw.plan(), columnar.plan());
    for (int row = 0; row < dataset.rowCount(); row += Math.max(1, dataset.rowCount() / 7)) {
      String id = tablesaw.scored().stringColumn("customer_id").get(row);
      assertEquals(tablesaw.customer(id).toJson(), columnar.customer(id).toJson(), "customer " + id);
    }
    return columnar;
  }

  /** Same column names and types in the same order, and every cell the same (numbers to the bit). */
  private static void assertSameTable(Table expected, Table actual) {
    assertEquals(expected.columnNames(), actual.columnNames());
    assertEquals(expected.rowCount(), actual.rowCount());
    for (int c = 0; c < expected.columnCount(); c++) {
      Column<?> a = expected.column(c);
      Column<?> b = actual.column(c);
      assertEquals(a.type(), b.type(), a.name());
      for (int row = 0; row < a.size(); row++) {
        Object x = a.get(row);
        Object y = b.get(row);
        if (x instanceof Double d) {
          assertEquals(Double.doubleToLongBits(d), Double.doubleToLongBits((Double) y), a.name() + " row " + row);
        } else {
          assertEquals(x, y, a.name() + " row " + row);
        }
      }
    }
  }
}
