package dev.customerlens.recommend;

/** One thing to do for one customer, and the facts that called for it. */
public record Recommendation(RecommendationType type, Priority priority, String action, String description,
    String reason) {}
