package dev.customerlens.score;

/** Where a block's per-row dictionary codes come from: a schema field, or something computed per row. */
enum CodeSource {
  AGE, GENDER, ITEM, CATEGORY, AMOUNT, LOCATION, SIZE, COLOR, SEASON, RATING, SUBSCRIBED, SHIPPING, DISCOUNT, PROMO,
  PREVIOUS_PURCHASES, PAYMENT, FREQUENCY,
  /** The persona's index in rule order, fallback last. */
  PERSONA,
  /** The next category's dictionary code, as the category field codes it. */
  NEXT_CATEGORY,
  /** 0 Churn Risk, 1 Purchase, 2 Browse. */
  NEXT_ACTION,
  /** 0 High, 1 Medium, 2 Low. */
  REVENUE_POTENTIAL;

  /** The source for a schema field, fields in {@code Field} order after the id. */
  static CodeSource of(dev.customerlens.data.Field field) {
    return values()[field.ordinal() - 1];
  }

  /** The schema field's ordinal, or -1 for computed codes. */
  int field() {
    return ordinal() < PERSONA.ordinal() ? ordinal() + 1 : -1;
  }
}
