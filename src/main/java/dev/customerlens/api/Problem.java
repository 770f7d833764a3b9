package dev.customerlens.api;

/**
 * The body of every error answer: {@code error} is a stable code for programs, {@code detail} a
 * sentence for people, and {@code customerId} echoes the id that was not found.
 */
record Problem(String error, String detail, String customerId) {
  Problem(String error, String detail) {
    this(error, detail, null);
  }
}
