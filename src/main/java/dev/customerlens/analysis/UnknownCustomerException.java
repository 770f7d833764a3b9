package dev.customerlens.analysis;

import dev.customerlens.errors.WorkspaceException;

/** A customer id that is not in the loaded table. */
public final class UnknownCustomerException extends WorkspaceException {
  private final String customerId;

  public UnknownCustomerException(String customerId, String source, int customers) {
    super("no customer with id \"" + customerId + "\" in " + source + " (" + customers + " customers)");
    this.customerId = customerId;
  }

  public String customerId() {
    return customerId;
  }
}
