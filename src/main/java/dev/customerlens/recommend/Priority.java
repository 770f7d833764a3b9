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

  /** The constant written as {@code label} ("High"). */
  public static Priority ofLabel(String label) {
    for (Priority value : values()) if (value.label.equals(label)) return value;
    throw new IllegalArgumentException("no Priority is called " + label);
  }

  public Priority raised() {
    return this == LOW ? MEDIUM : HIGH;
  }

  @Override
  public String toString() {
    return label;
  }
}
