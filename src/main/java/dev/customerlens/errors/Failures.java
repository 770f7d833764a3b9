package dev.customerlens.errors;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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
}
