package dev.customerlens.recommend;

/** How soon to act. Declared highest first, so ordinal order is urgency order. */
public enum Priority {
  HIGH("High"), MEDIUM("Medium"), LOW("Low");

  private final String label;

  Priority(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public Priority raised() {
    return this == LOW ? MEDIUM : HIGH;
  }

  @Override
  public String toString() {
    return label;
  }
}
