package dev.customerlens.score;

import dev.customerlens.data.SkippedRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code lens score --engine local} (the default): {@link BatchScorer} in this JVM, on every core. */
public final class LocalScoreEngine implements ScoreEngine {
  @Override
  public String name() {
    return "local";
  }

  @Override
  public List<String> score(ScoreJob job) {
    if (job.log() != null) {
      // A log's customers need the analysis, which forecasts them with the models fitted to the log.
      throw new IllegalArgumentException("the local engine scores customer tables; a log's customers are scored by "
          + "CustomerAnalytics.fromLog (lens score --events FILE)");
    }
    BatchScorer scorer = (job.input() == null ? BatchScorer.embedded() : BatchScorer.of(Path.of(job.input())))
        .withModel(job.model()).withProgress(job.progress());
    BatchScore result = (job.lenient() ? scorer.lenient() : scorer).score(Path.of(job.output()));
    List<String> lines = new ArrayList<>();
    for (SkippedRow row : result.skipped()) row.reasons().forEach(issue -> lines.add("skipped: " + issue));
    lines.add(String.format(Locale.ROOT, "scored %,d customers of %s; wrote %s and %s", result.customers(),
        result.source(), result.scores(), result.personas()));
    return lines;
  }
}
