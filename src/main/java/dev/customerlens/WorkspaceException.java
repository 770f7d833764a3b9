package dev.customerlens;

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
}
