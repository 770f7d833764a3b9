package dev.customerlens.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Wall time of each step of a Spark run that makes the cluster work, in order, so that a run can
 * say where its time went. Spark is lazy: each step's time is that of the jobs its action started.
 */
public final class Phases {
  /** One step and its seconds. */
  public record Phase(String name, double seconds) {}

  private final List<Phase> phases = new ArrayList<>();

  <T> T time(String name, Supplier<T> step) {
    long started = System.nanoTime();
    try {
      return step.get();
    } finally {
      phases.add(new Phase(name, (System.nanoTime() - started) / 1e9));
    }
  }

  void time(String name, Runnable step) {
    time(name, () -> {
      step.run();
      return null;
    });
  }

  /** The steps so far. */
  public List<Phase> list() {
    return List.copyOf(phases);
  }
}
