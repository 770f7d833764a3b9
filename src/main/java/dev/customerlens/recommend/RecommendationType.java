package dev.customerlens.recommend;

/** What a recommendation is for. */
public enum RecommendationType {
  MARKETING("Marketing"), RETENTION("Retention"), UPSELL("Upsell"), CROSS_SELL("Cross-sell");

  private final String label;

  RecommendationType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The constant written as {@code label} ("Cross-sell"). */
  public static RecommendationType ofLabel(String label) {
    for (RecommendationType value : values()) if (value.label.equals(label)) return value;
    throw new IllegalArgumentException("no RecommendationType is called " + label);
  }

  @Override
  public String toString() {
    return label;
  }
}
