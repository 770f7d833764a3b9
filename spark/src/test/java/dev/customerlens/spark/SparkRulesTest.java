package dev.customerlens.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.data.Dataset;
import dev.customerlens.errors.WorkspaceException;
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
import dev.customerlens.score.BatchScore;
import dev.customerlens.score.BatchScorer;
import dev.customerlens.score.ColumnarProfiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Rules written in a notebook run on Spark unchanged, with the local engine's results. */
class SparkRulesTest {
  @TempDir static Path dir;
  private static Path input;

  @BeforeAll
  static void generate() throws IOException {
    input = dir.resolve("customers.csv");
    Export.atomically(input, SyntheticCustomers.withSeed(7).rows(5_000)::writeCsv);
  }

  /** The log is read and its customers derived on Spark too ({@code SparkEvents.features}). */
  @Test
  void aLogsDerivedCustomersGetTheLocalEnginesPersonasAndTraitsWithRulesOnDatesMissingNumbersAndText() {
    PersonaRules rules = PersonaRules.forLogs()
        .first(PersonaRule.of("Spring Regular", "Bought since March, every 30 days or less",
            "last_purchase >= '2024-03-01' AND mean_interpurchase_days <= 30"));
    Traits traits = Traits.forLogs()
        .add(Trait.of("first bought in January", "first_purchase >= '2024-01-01' AND first_purchase < '2024-02-01'"))
        .add(Trait.of("no category", "category = ''"));
    Dataset features = CustomerFeatures.dataset(EventLog.embedded(), EventLog.embeddedSha256());
    ProfileEngine.Profiles local = ColumnarProfiles.ENGINE.profile(features, features.table(), CustomerModel.forLogs().withRules(rules).withTraits(traits))
        .orElseThrow();
    Table expected = Table.create("profiles", features.table().stringColumn("customer_id"), local.personas(), local.traits());
    // The local engine is the Tablesaw evaluation's (ColumnarProfilesTest); here Spark is held to both.
    assertEquals(rules.assign(features.table(), Set.of()).asList(), local.personas().asList());
    assertEquals(traits.describe(features.table()).asList(), local.traits().asList());
    SparkAnalytics spark = SparkAnalytics.on(LocalSpark.session())
        .withModel(CustomerModel.forLogs().withRules(rules).withTraits(traits));
    Path log = LocalTables.copy("/dev/customerlens/data/events.csv", dir.resolve("events.csv"));
    try (SparkEvents events = spark.events(log.toString())) {
      var profiles = spark.profiles(events.features()).select("customer_id", "persona", "traits");
      assertEquals(List.of(), LocalTables.differences(expected, profiles));
    }
    assertTrue(local.personas().isEqualTo("Spring Regular").size() > 0, "the date rule matches some");
  }

  @Test
  void notebookRulesWithPercentilesAndPlaceholdersScoreAsTheLocalEngineDoes() {
    PersonaRules rules = PersonaRules.defaults()
        .first(PersonaRule.of("Young Footwear Fan", "Under 25s who buy footwear",
            "age < 25 AND category IN ('Footwear') AND NOT promo_used"))
        .add(PersonaRule.of("Coastal Card Payer", "Pays by card in a few states",
            "payment = 'Credit Card' AND location IN ('California', 'Maine', 'Oregon') AND rating >= 3.5"));
    Recommender recommender = Recommender.defaults()
        .add(RecommendationRule.of(RecommendationType.UPSELL, Priority.LOW, "Invite {persona} to the {category} club",
            "Top decile lifetime value", "clv_percentile >= 90 AND next_action != 'Churn Risk'", null))
        .add(RecommendationRule.of(RecommendationType.RETENTION, Priority.MEDIUM, "Check in (subscribed: {subscribed})",
            "Bottom half by value", "clv_percentile < 50 AND revenue_potential = 'Low'", null));
    BatchScore local = BatchScorer.of(input).withModel(CustomerModel.defaults().withRules(rules).withRecommender(recommender)).score(dir.resolve("local"));
    Path spark = dir.resolve("spark");
    try (SparkCustomers customers = SparkAnalytics.on(LocalSpark.session()).withModel(CustomerModel.defaults().withRules(rules).withRecommender(recommender))
        .load(input.toString()); SparkScores scores = customers.score()) {
      scores.write(spark.toString());
    }
    CsvTables.Table expected = CsvTables.read(local.scores());
    assertTrue(expected.rows().stream().anyMatch(row -> row.get(1).equals("Young Footwear Fan")), "the new rule matched someone");
    assertTrue(expected.rows().stream().anyMatch(row -> row.get(8).startsWith("Invite ")), "the percentile rule fired");
    assertEquals(List.of(), CsvTables.differences(expected, CsvTables.read(spark.resolve(SparkScores.SCORES_CSV))));
    assertEquals(List.of(), CsvTables.differences(CsvTables.read(local.personas()), CsvTables.read(spark.resolve(SparkScores.PERSONAS))));
  }

  @Test
  void aFilesOwnColumnsInRulesTraitsScoreTermsAndActionsScoreAsTheLocalEngineDoes() throws IOException {
    Path own = dir.resolve("own-columns.csv");
    List<String> lines = Files.readAllLines(input);
    List<String> withOwn = new ArrayList<>(List.of(lines.get(0) + ",Loyalty Tier,Store Visits,Opted In"));
    for (int i = 1; i < lines.size(); i++) {
      String tier = i % 5 == 0 ? "" : i % 3 == 0 ? "Gold" : "Silver";
      String visits = i % 7 == 0 ? "" : String.valueOf(i % 9);
      withOwn.add(lines.get(i) + "," + tier + "," + visits + "," + (i % 2 == 0 ? "Yes" : "No"));
    }
    Files.write(own, withOwn);
    Predictor defaults = Predictor.defaults();
    List<Term> terms = new ArrayList<>(defaults.activity().terms());
    terms.add(new Term("store_visits", Term.Scale.STANDARDISED, 0.3, "store visits"));
    CustomerModel model = CustomerModel.defaults()
        .withRules(PersonaRules.defaults().first(PersonaRule.of("Gold Regular", "Gold tier, 3+ store visits",
            "loyalty_tier = 'Gold' AND store_visits >= 3")))
        .withTraits(Traits.defaults().add(Trait.of("opted in", "opted_in")))
        .withPredictor(new Predictor(new LinearScore("p_active", 0.9, terms), defaults.horizonDays(),
            defaults.clvYears(), defaults.discountRate(), defaults.smoothing()))
        .withRecommender(Recommender.defaults().add(RecommendationRule.of(RecommendationType.MARKETING, Priority.HIGH,
            "Invite the {loyalty_tier} member (opted in: {opted_in})", "", "store_visits >= 6", "")));
    BatchScore local = BatchScorer.of(own).withModel(model).score(dir.resolve("own-local"));
    Path spark = dir.resolve("own-spark");
    try (SparkCustomers customers = SparkAnalytics.on(LocalSpark.session()).withModel(model).load(own.toString());
        SparkScores scores = customers.score()) {
      scores.write(spark.toString());
    }
    CsvTables.Table expected = CsvTables.read(local.scores());
    assertTrue(expected.rows().stream().anyMatch(row -> row.get(1).equals("Gold Regular")), "the own-column rule matched");
    assertTrue(expected.rows().stream().anyMatch(row -> row.get(8).equals("Invite the Gold member (opted in: Yes)")));
    assertTrue(expected.rows().stream().anyMatch(row -> row.get(8).equals("Invite the unknown member (opted in: No)")));
    assertEquals(List.of(), CsvTables.differences(expected, CsvTables.read(spark.resolve(SparkScores.SCORES_CSV))));
    assertEquals(List.of(), CsvTables.differences(CsvTables.read(local.personas()), CsvTables.read(spark.resolve(SparkScores.PERSONAS))));
  }

  @Test
  void aFileColumnNamedLikeAScoreIsRefusedWithTheLocalEnginesMessage() throws IOException {
    Path clv = dir.resolve("clv.csv");
    List<String> lines = Files.readAllLines(input);
    List<String> withClv = new ArrayList<>(List.of(lines.get(0) + ",CLV"));
    for (int i = 1; i < lines.size(); i++) withClv.add(lines.get(i) + "," + i);
    Files.write(clv, withClv);
    WorkspaceException local = assertThrows(WorkspaceException.class, () -> BatchScorer.of(clv).score(dir.resolve("clv-local")));
    WorkspaceException spark = assertThrows(WorkspaceException.class,
        () -> SparkAnalytics.on(LocalSpark.session()).load(clv.toString()).close());
    assertEquals(clv + ": the column clv has the name of a score this analysis adds; rename that column in the file",
        spark.getMessage());
    assertEquals(local.getMessage(), spark.getMessage());
  }

  @Test
  void javaPredicateRulesAreRefusedWithAMessageSayingToWriteAnExpression() {
    PersonaRules rules = PersonaRules.defaults().first(PersonaRule.of("Lambda", "A Java predicate", row -> true));
    WorkspaceException e = assertThrows(WorkspaceException.class, () -> {
      try (SparkCustomers customers = SparkAnalytics.on(LocalSpark.session()).withModel(CustomerModel.defaults().withRules(rules)).load(input.toString())) {
        customers.score();
      }
    });
    assertTrue(e.getMessage().contains("Java predicate") && e.getMessage().contains("expression"), e.getMessage());
  }

  @Test
  void aRuleNamingAnUnknownColumnListsTheKnownOnes() {
    PersonaRules rules = PersonaRules.defaults().first(PersonaRule.of("Typo", "Misspelt column", "agee > 30"));
    WorkspaceException e = assertThrows(WorkspaceException.class, () -> {
      try (SparkCustomers customers = SparkAnalytics.on(LocalSpark.session()).withModel(CustomerModel.defaults().withRules(rules)).load(input.toString())) {
        customers.score();
      }
    });
    assertTrue(e.getMessage().contains("persona rule Typo") && e.getMessage().contains("\"agee\"")
        && e.getMessage().contains("age_band"), e.getMessage());
  }
}
