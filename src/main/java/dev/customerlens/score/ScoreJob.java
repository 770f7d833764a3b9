package dev.customerlens.score;

import dev.customerlens.persona.PersonaRules;
import java.util.Objects;

/**
 * One batch scoring run for a {@link ScoreEngine}: paths are URIs or plain paths as the engine
 * understands them (a Spark engine reads hdfs://, s3a:// and file paths alike).
 *
 * @param input customer table, CSV or Parquet
 * @param output directory the engine writes its outputs under
 * @param master where the engine runs, such as a Spark master URL ("local[*]", "yarn", "spark://host:7077")
 */
public record ScoreJob(String input, String output, PersonaRules rules, String master) {
  public ScoreJob {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(master, "master");
  }
}
