package dev.customerlens.api;

import dev.customerlens.errors.WorkspaceException;

/** A request the API refuses, with the status and body to answer it with. */
final class ApiException extends WorkspaceException {
  private final int status;
  private final Problem problem;

  ApiException(int status, Problem problem) {
    super(problem.detail());
    this.status = status;
    this.problem = problem;
  }

  static ApiException badRequest(String error, String detail) {
    return new ApiException(400, new Problem(error, detail));
  }

  int status() {
    return status;
  }

  Problem problem() {
    return problem;
  }
}
