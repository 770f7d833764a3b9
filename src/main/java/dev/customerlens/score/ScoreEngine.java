package dev.customerlens.score;

import dev.customerlens.errors.WorkspaceException;
import java.util.List;
import java.util.ServiceLoader;

/**
 * A batch scoring engine: {@code lens score --engine NAME} runs one on a {@link ScoreJob} that
 * carries the whole declared model. The built-in one is {@link LocalScoreEngine} ("local"); others
 * ship in their own modules, such as the Spark one, and are found on the class path by name.
 */
public interface ScoreEngine {
  /** The name {@code --engine} selects, such as "spark". */
  String name();

  /** Runs the job; returns one line per output written or row rejected, for the command line. */
  List<String> score(ScoreJob job);

  /** The engine called {@code name}, or an error saying how to get it onto the class path. */
  static ScoreEngine named(String name) {
    if (name.equals("local")) return new LocalScoreEngine();
    for (ScoreEngine engine : ServiceLoader.load(ScoreEngine.class)) {
      if (engine.name().equals(name)) return engine;
    }
    throw new WorkspaceException("the " + name + " engine is not on the class path; ./lens adds it when run with "
        + "--engine " + name + " (it builds the " + name + "/ module on first use)");
  }
}
