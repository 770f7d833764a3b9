package dev.customerlens.events;

/**
 * The stated rules by which transaction-log lines are left out of purchases. Each line is counted
 * under the first rule, in this order, that it meets; {@link LogSummary#excluded()} has the counts.
 */
public enum ExclusionRule {
  CANCELLATION("cancellation: the invoice number starts with C; it reverses an earlier sale"),
  MISSING_CUSTOMER("no customer id: the sale cannot be attributed to a customer"),
  RETURN("return: negative quantity on an invoice that is not a cancellation"),
  ZERO_QUANTITY("zero quantity: nothing changed hands"),
  ZERO_PRICE("zero price: free samples, gifts and stock corrections, not purchases"),
  NEGATIVE_PRICE("negative price: accounting adjustments such as bad-debt write-offs"),
  DUPLICATE("exact duplicate: the same line, every field equal, already counted once");

  private final String description;

  ExclusionRule(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
