package dev.customerlens.score;

import dev.customerlens.CustomerAnalytics;
import dev.customerlens.analysis.Analysis;
import dev.customerlens.bench.DuckDbProfiles;
import dev.customerlens.bench.DuckDbScore;
import dev.customerlens.clv.LogScore;
import dev.customerlens.data.Dataset;
import dev.customerlens.events.CustomerFeatures;
import dev.customerlens.events.EventLog;
import dev.customerlens.export.Export;
import dev.customerlens.generate.SyntheticCustomers;
import dev.customerlens.model.CustomerModel;
import dev.customerlens.model.ProfileEngine;
import dev.customerlens.persona.PersonaRule;
import dev.customerlens.persona.PersonaRules;
import dev.customerlens.persona.PersonaSummary;
import dev.customerlens.persona.Trait;
import dev.customerlens.persona.Traits;
import dev.customerlens.predict.Predictor;
import dev.customerlens.recommend.Recommender;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * Every engine that runs in this JVM against the model's reference evaluation (the Tablesaw
 * analysis), on the embedded data, on 100,000 generated rows and on the customers derived from the
 * embedded log: the local columnar engine, and DuckDB running the SQL the benchmark generates from
 * the same model. Every column of
 * {@code lens score}'s layout and of the persona summary is compared, row by row (on the log's
 * customers, DuckDB's personas, traits and persona summary: their scores have no SQL form). (The Spark
 * module's tests hold Spark to the local engine the same way.)
 */
class EngineAgreementTest {
  @TempDir Path dir;

  @Test
  void theLocalEngineAndDuckDbSqlAgreeWithTheReferenceOnTheEmbeddedData() throws Exception {
    everyEngineAgrees(Path.of("data/customers.csv"), CustomerAnalytics.sample());
  }

  @Test
  void theLocalEngineAndDuckDbSqlAgreeWithTheReferenceOnAHundredThousandGeneratedRows() throws Exception {
    Path input = dir.resolve("customers.csv");
    Export.atomically(input, SyntheticCustomers.withSeed(7).rows(100_000)::writeCsv);
    everyEngineAgrees(input, CustomerAnalytics.of(Dataset.read(input)));
  }

  /** The log's rules and traits, with a rule on dates and missing numbers and a trait on blank text. */
  @Test
  void theLocalEngineAndDuckDbSqlAgreeWithTheReferenceOnALogsDerivedCustomers() {
    EventLog log = EventLog.embedded();
    Dataset features = CustomerFeatures.dataset(log, EventLog.embeddedSha256());
    PersonaRules rules = PersonaRules.forLogs().first(PersonaRule.of("Spring Regular",
        "Bought since March, every 30 days or less", "last_purchase >= '2024-03-01' AND mean_interpurchase_days <= 30"));
    Traits traits = Traits.forLogs().add(Trait.of("no category", "category = ''"));
    Analysis reference = new Analysis(features, rules, traits, Predictor.defaults(), Recommender.forLogs(), log,
        ProfileEngine.TABLESAW);
    Analysis local = CustomerAnalytics.sampleLog().withRules(rules).withTraits(traits).analysis();
    EngineAgreement.assertAgrees(reference.scores(), EngineAgreement.read(Export.csv(local.scores(), dir.resolve("local.csv"))));
    EngineAgreement.assertAgrees(reference.personas(), EngineAgreement.read(Export.csv(local.personas(), dir.resolve("personas.csv"))));

    // DuckDB assigns personas and traits, and counts the persona summary's cells.
    DuckDbProfiles.Profiles duckDb = DuckDbProfiles.of(features.table(), rules, traits, dir);
    EngineAgreement.assertAgrees(reference.scored().selectColumns("customer_id", "persona", "traits"),
        EngineAgreement.read(Export.csv(duckDb.table(), dir.resolve("duckdb.csv"))));
    EngineAgreement.assertAgrees(reference.personas(),
        EngineAgreement.read(Export.csv(PersonaSummary.table(duckDb.summary()), dir.resolve("duckdb-personas.csv"))));
    // The forecasts have no SQL form: the core's fitted forecast gives each customer's scores (as it does on
    // Spark's executors), and DuckDB's SQL makes everything after them, down to the recommendations.
    Table forecast = features.table().copy();
    for (String score : LogScore.COLUMNS) forecast.addColumns(reference.scored().column(score).copy());
    CustomerModel model = CustomerModel.forLogs().withRules(rules).withTraits(traits);
    EngineAgreement.assertAgrees(reference.scores(), EngineAgreement.read(DuckDbProfiles.scores(forecast, model, dir,
        dir.resolve("duckdb-scores.csv"))));
  }

  private void everyEngineAgrees(Path input, CustomerAnalytics reference) throws Exception {
    BatchScore local = BatchScorer.of(input).score(dir.resolve("local"));
    EngineAgreement.assertAgrees(reference, local);

    Path duckDb = dir.resolve("duckdb");
    DuckDbScore.main(new String[] {input.toString(), duckDb.toString()});
    EngineAgreement.assertAgrees(reference.analysis().scores(), EngineAgreement.read(duckDb.resolve("scores.csv")));
    EngineAgreement.assertAgrees(reference.personas(), EngineAgreement.read(duckDb.resolve("personas.csv")));
  }
}
