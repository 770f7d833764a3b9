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

  @Override
  public String toString() {
    return label;
  }
}
