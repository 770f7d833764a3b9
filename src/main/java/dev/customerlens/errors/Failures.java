package dev.customerlens.errors;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** How work done on another thread reports its failure to the thread that waits for it. */
public final class Failures {
  private Failures() {}

  /** The result of work done beside this thread, with its own exception (not a wrapper) if it failed. */
  public static <T> T joined(CompletableFuture<T> work) {
    try {
      return work.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /**
   * The result of {@code work}, waiting for it, with its own exception or error (not a wrapper) if it
   * failed; {@code doing} says what was waited for should the wait be interrupted.
   */
  public static <T> T got(Future<T> work, String doing) {
    try {
      return work.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + doing, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) throw cause;
      if (e.getCause() instanceof Error error) throw error;
      throw new IllegalStateException(e.getCause());
    }
  }
}
