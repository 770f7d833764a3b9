package dev.customerlens.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.CustomerAnalytics;
import dev.customerlens.data.Dataset;
import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.export.Export;
import dev.customerlens.generate.SyntheticCustomers;
import dev.customerlens.model.CustomerModel;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchScorerTest {
  @TempDir Path dir;

  @Test
  void compilesEditedRulesTraitsAndRecommendationsAsTheEngineEvaluatesThem() {
    PersonaRules rules = PersonaRules.defaults()
        .first(PersonaRule.of("Big Ticket", "Spends $150 or more on footwear or outerwear",
            "amount >= 150 AND category IN ('Footwear', 'Outerwear')"))
        .add(PersonaRule.of("Young Mobile", "Under 25 paying by phone", "age < 25 AND payment IN ('Venmo', 'PayPal')"))
        .remove("New Explorer");
    Traits traits = Traits.defaults()
        .add(Trait.of("thirty-something", "age_band = '25-34'"))
        .add(Trait.of("not in Texas", "location != 'Texas' AND NOT shipping IN ('Store Pickup')"))
        .add(Trait.of("mid spender", "amount_percentile > 40 AND amount_percentile <= 60"));
    Recommender recommender = Recommender.defaults()
        .add(RecommendationRule.of(RecommendationType.UPSELL, Priority.HIGH, "{persona} offer for {gender} ({subscribed})",
            "", "clv_percentile > 90 AND next_action = 'Purchase'", ""))
        .add(RecommendationRule.of(RecommendationType.MARKETING, Priority.LOW, "Thank {location}",
            "", "revenue_potential = 'High' OR p_active >= 0.8 OR clv_percentile = 50", ""));
    BatchScore batch = BatchScorer.embedded().withModel(CustomerModel.defaults().withRules(rules).withTraits(traits).withRecommender(recommender)).score(dir);
    CustomerAnalytics engine = CustomerAnalytics.sample().withRules(rules).withTraits(traits).withRecommender(recommender);
    EngineAgreement.assertAgrees(engine, batch);
  }

  @Test
  void refusesARuleWrittenAsAJavaPredicate() {
    PersonaRules rules = PersonaRules.defaults().first(PersonaRule.of("Texan", "Lives in Texas",
        row -> row.getString("location").equals("Texas")));
    WorkspaceException e = assertThrows(WorkspaceException.class, () -> BatchScorer.embedded().withModel(CustomerModel.defaults().withRules(rules)).score(dir));
    assertTrue(e.getMessage().startsWith("persona rule Texan: "), e.getMessage());
    assertTrue(e.getMessage().contains("Java predicate"), e.getMessage());
  }

  @Test
  void namesTheUnknownFieldOfARule() {
    PersonaRules rules = PersonaRules.defaults().first(PersonaRule.of("Odd", "Odd", "shoe_size > 40"));
    WorkspaceException e = assertThrows(WorkspaceException.class, () -> BatchScorer.embedded().withModel(CustomerModel.defaults().withRules(rules)).score(dir));
    assertTrue(e.getMessage().startsWith("persona rule Odd: unknown field \"shoe_size\" in a rule; known fields: customer_id, age"),
        e.getMessage());
  }

  @Test
  void scoresTextIdsAndColumnsWithThousandsOfDistinctValuesAsTheEngine() throws Exception {
    Path input = dir.resolve("varied.csv");
    List<String> lines = Files.readAllLines(Path.of("data/customers.csv"));
    List<String> varied = new ArrayList<>(List.of(lines.get(0)));
    for (int i = 1; i < lines.size(); i++) {
      String[] cells = lines.get(i).split(",", -1);
      cells[0] = "C-" + cells[0];
      cells[3] = cells[3] + " " + (i % 700);
      cells[5] = cells[5] + "." + (i % 97);
      cells[6] = i % 11 == 0 ? "" : cells[6] + " " + (i % 400);
      varied.add(String.join(",", cells));
    }
    Files.write(input, varied);
    BatchScore batch = BatchScorer.of(input).score(dir.resolve("out"));
    EngineAgreement.assertAgrees(CustomerAnalytics.load(input), batch);
  }

  @Test
  void usesTheFilesOwnColumnsInRulesTraitsScoreTermsAndActionsAsTheEngine() throws Exception {
    Path input = dir.resolve("own-columns.csv");
    List<String> lines = Files.readAllLines(Path.of("data/customers.csv"));
    List<String> withOwn = new ArrayList<>(List.of(lines.get(0) + ",Loyalty Tier,Store Visits,Opted In"));
    int goldRegulars = 0;
    for (int i = 1; i < lines.size(); i++) {
      String tier = i % 5 == 0 ? "" : i % 3 == 0 ? "Gold" : "Silver";
      String visits = i % 7 == 0 ? "" : String.valueOf(i % 9);
      if (tier.equals("Gold") && !visits.isEmpty() && i % 9 >= 3) goldRegulars++;
      withOwn.add(lines.get(i) + "," + tier + "," + visits + "," + (i % 2 == 0 ? "Yes" : "No"));
    }
    Files.write(input, withOwn);
    PersonaRules rules = PersonaRules.defaults().first(PersonaRule.of("Gold Regular", "Gold tier, 3+ store visits",
        "loyalty_tier = 'Gold' AND store_visits >= 3"));
    Traits traits = Traits.defaults().add(Trait.of("opted in", "opted_in"));
    Predictor defaults = Predictor.defaults();
    List<Term> terms = new ArrayList<>(defaults.activity().terms());
    terms.add(new Term("store_visits", Term.Scale.STANDARDISED, 0.3, "store visits"));
    Predictor predictor = new Predictor(new LinearScore("p_active", 0.9, terms), defaults.horizonDays(),
        defaults.clvYears(), defaults.discountRate(), defaults.smoothing());
    Recommender recommender = Recommender.defaults().add(RecommendationRule.of(RecommendationType.MARKETING,
        Priority.HIGH, "Invite the {loyalty_tier} member (opted in: {opted_in})", "", "store_visits >= 6", ""));
    CustomerModel model = CustomerModel.defaults().withRules(rules).withTraits(traits).withPredictor(predictor)
        .withRecommender(recommender);
    BatchScore batch = BatchScorer.of(input).withModel(model).score(dir.resolve("out"));
    CustomerAnalytics engine = CustomerAnalytics.load(input).withRules(rules).withTraits(traits).withPredictor(predictor)
        .withRecommender(recommender);
    EngineAgreement.assertAgrees(engine, batch);
    assertEquals(goldRegulars, engine.customers().stringColumn("persona").isEqualTo("Gold Regular").size());
    assertTrue(engine.customers().stringColumn("traits").asList().stream().anyMatch(t -> t.contains("opted in")));
    List<String> invites = engine.recommendationList().stringColumn("action").asList();
    assertTrue(invites.contains("Invite the Gold member (opted in: Yes)"), "text and yes/no filled");
    assertTrue(invites.contains("Invite the unknown member (opted in: No)"), "a blank tier is unknown");
  }

  @Test
  void aFileColumnNamedLikeAScoreIsRefusedByBothEnginesWithTheSameMessage() throws Exception {
    Path input = dir.resolve("clv.csv");
    List<String> lines = Files.readAllLines(Path.of("data/customers.csv"));
    List<String> withClv = new ArrayList<>(List.of(lines.get(0) + ",CLV"));
    for (int i = 1; i < lines.size(); i++) withClv.add(lines.get(i) + "," + i);
    Files.write(input, withClv);
    String expected = input + ": the column clv has the name of a score this analysis adds; rename that column in the file";
    assertEquals(expected, assertThrows(WorkspaceException.class, () -> BatchScorer.of(input).score(dir.resolve("out")))
        .getMessage());
    assertEquals(expected, assertThrows(WorkspaceException.class, () -> CustomerAnalytics.load(input)).getMessage());
  }

  @Test
  void scoresTheGoodRowsOfALenientReadAsTheEngine() throws Exception {
    Path input = dir.resolve("messy.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("data/customers.csv")));
    lines.set(7, lines.get(7).replaceFirst(",\\d+,", ",forty,"));
    lines.set(20, lines.get(3));
    lines.add(40, "");
    lines.set(90, lines.get(90) + ",extra");
    Files.write(input, lines);
    BatchScore batch = BatchScorer.of(input).lenient().score(dir.resolve("out"));
    CustomerAnalytics engine = CustomerAnalytics.loadLenient(input);
    assertEquals(3, batch.skipped().size());
    assertEquals(engine.dataset().skipped().toString(), batch.skipped().toString());
    EngineAgreement.assertAgrees(engine, batch);
  }

  @Test
  void writesThePersonaSummaryAsAnalyzeDoes() throws Exception {
    BatchScore batch = BatchScorer.embedded().score(dir);
    Path expected = Export.csv(CustomerAnalytics.sample().personas(), dir.resolve("expected.csv"));
    assertEquals(Files.readString(expected), Files.readString(batch.personas()));
  }
}
