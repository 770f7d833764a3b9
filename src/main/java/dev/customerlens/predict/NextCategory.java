package dev.customerlens.predict;

/**
 * The category shift's answer for customers of one persona and age band who bought {@code category}:
 * the other category they are most likely to buy next, and its smoothed probability.
 */
public record NextCategory(String persona, String ageBand, String category, String nextCategory, double probability) {}
