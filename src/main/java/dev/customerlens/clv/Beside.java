package dev.customerlens.clv;

import dev.customerlens.errors.Failures;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Fits that need nothing from one another, queued in order for one thread beside the caller's.
 * Asking for a fit that thread has not reached yet runs it on the caller's thread instead, so that
 * on two cores both stay busy whichever fits turn out the longer. A fit gives the same result on
 * either thread.
 */
final class Beside implements AutoCloseable {
  private final ExecutorService thread;

  Beside(String name) {
    thread = Executors.newSingleThreadExecutor(task -> {
      Thread t = new Thread(task, name);
      t.setDaemon(true);
      return t;
    });
  }

  /** Queues {@code fit}; the supplier gives its result, running it here if it has not started. */
  <T> Supplier<T> start(Callable<T> fit) {
    FutureTask<T> task = new FutureTask<>(fit);
    thread.execute(task);
    return () -> {
      task.run(); // does nothing once the task has started on either thread
      return Failures.got(task, "fitting");
    };
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
