package dev.customerlens.score;

import dev.customerlens.CustomerAnalytics;
import dev.customerlens.bench.DuckDbScore;
import dev.customerlens.data.Dataset;
import dev.customerlens.export.Export;
import dev.customerlens.generate.SyntheticCustomers;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every engine that runs in this JVM against the model's reference evaluation (the Tablesaw
 * analysis), on the embedded data and on 100,000 generated rows: the local columnar engine, and
 * DuckDB running the SQL the benchmark generates from the same model. Every column of
 * {@code lens score}'s layout and of the persona summary is compared, row by row. (The Spark
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

  private void everyEngineAgrees(Path input, CustomerAnalytics reference) throws Exception {
    BatchScore local = BatchScorer.of(input).score(dir.resolve("local"));
    EngineAgreement.assertAgrees(reference, local);

    Path duckDb = dir.resolve("duckdb");
    DuckDbScore.main(new String[] {input.toString(), duckDb.toString()});
    EngineAgreement.assertAgrees(reference.analysis().scores(), EngineAgreement.read(duckDb.resolve("scores.csv")));
    EngineAgreement.assertAgrees(reference.personas(), EngineAgreement.read(duckDb.resolve("personas.csv")));
  }
}
