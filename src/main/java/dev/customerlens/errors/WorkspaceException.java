package dev.customerlens.errors;

import java.util.function.Supplier;

/**
 * Root of every error this workspace raises. Unchecked so that fluent chains and jshell lambdas
 * stay readable; the boundaries (CLI, API, kernel) translate it into exit codes or messages.
 */
public class WorkspaceException extends RuntimeException {
  public WorkspaceException(String message) {
    super(message);
  }

  public WorkspaceException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Runs {@code step}; a WorkspaceException it raises is raised again with "{@code what}: " in front. */
  public static <T> T within(String what, Supplier<T> step) {
    try {
      return step.get();
    } catch (WorkspaceException e) {
      throw new WorkspaceException(what + ": " + e.getMessage(), e);
    }
  }
}
