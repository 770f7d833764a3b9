package dev.customerlens.score;

import dev.customerlens.events.LogFormat;
import dev.customerlens.model.CustomerModel;
import java.util.Objects;

/**
 * One batch scoring run for a {@link ScoreEngine}: what to read, the whole declared model to score
 * it with, and where to write. Paths are URIs or plain paths as the engine understands them (a
 * Spark engine reads hdfs://, s3a:// and file paths alike).
 *
 * @param input customer table, CSV or Parquet; null for the embedded sample (the local engine only);
 *     or a log, when {@code log} names its layout
 * @param log the layout of the log at {@code input}, whose customers are derived from it and then
 *     profiled; null when the input is a customer table
 * @param output directory the engine writes its outputs under
 * @param master where the engine runs, such as a Spark master URL ("local[*]", "yarn", "spark://host:7077");
 *     the local engine runs in this JVM whatever it says
 * @param lenient skip bad rows and report them instead of failing (the Spark engine always does,
 *     into rejected/ under the output)
 * @param progress where the local engine reports its stages; Spark reports in its own log
 */
public record ScoreJob(String input, LogFormat log, String output, CustomerModel model, String master, boolean lenient,
    ScoreProgress progress) {
  public ScoreJob {
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(master, "master");
    Objects.requireNonNull(progress, "progress");
    if (log != null && input == null) throw new IllegalArgumentException("a log's layout without the log");
  }
}
