package dev.customerlens.generate;

import dev.customerlens.data.Frequency;

/**
 * One generated customer, its components in {@link dev.customerlens.data.Field} order. Amounts are
 * whole dollars and ratings whole tenths, so formatting is integer arithmetic and cannot depend
 * on the locale or on floating-point printing.
 */
record CustomerRow(
    int id,
    int age,
    String gender,
    String item,
    String category,
    int amountDollars,
    String location,
    String size,
    String color,
    String season,
    int ratingTenths,
    boolean subscribed,
    String shipping,
    boolean discountApplied,
    boolean promoCodeUsed,
    int previousPurchases,
    String payment,
    Frequency frequency) {

  /**
   * Appends the CSV line without its line break. Every text value comes from a fixed vocabulary
   * without commas, quotes or line breaks, so no field needs RFC 4180 quoting; a test guards that.
   */
  void appendCsv(StringBuilder line) {
    line.append(id).append(',')
        .append(age).append(',')
        .append(gender).append(',')
        .append(item).append(',')
        .append(category).append(',')
        .append(amountDollars).append(',')
        .append(location).append(',')
        .append(size).append(',')
        .append(color).append(',')
        .append(season).append(',')
        .append(ratingTenths / 10).append('.').append(ratingTenths % 10).append(',')
        .append(yesNo(subscribed)).append(',')
        .append(shipping).append(',')
        .append(yesNo(discountApplied)).append(',')
        .append(yesNo(promoCodeUsed)).append(',')
        .append(previousPurchases).append(',')
        .append(payment).append(',')
        .append(frequency.label());
  }

  private static String yesNo(boolean value) {
    return value ? "Yes" : "No";
  }
}
