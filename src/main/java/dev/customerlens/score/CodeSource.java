package dev.customerlens.score;

import dev.customerlens.data.Codes;
import dev.customerlens.data.Field;

/**
 * Where a block's per-row dictionary codes come from: one of the few computed per row, or a coded
 * column at its place in the block's columns (a customer file's {@code Customers.codes()}: schema
 * fields, then extra columns; or a log's features, in {@link FeatureTable} order).
 *
 * @param index this source's slot in a block
 */
record CodeSource(int index) {
  /** The persona's index in rule order, fallback last. */
  static final CodeSource PERSONA = new CodeSource(0);
  /** The next category's dictionary code, as the category field codes it. */
  static final CodeSource NEXT_CATEGORY = new CodeSource(1);
  /** 0 Churn Risk, 1 Purchase, 2 Browse. */
  static final CodeSource NEXT_ACTION = new CodeSource(2);
  /** 0 High, 1 Medium, 2 Low. */
  static final CodeSource REVENUE_POTENTIAL = new CodeSource(3);
  private static final int COMPUTED = 4;

  static final CodeSource AGE = of(Field.AGE);
  static final CodeSource CATEGORY = of(Field.CATEGORY);

  static CodeSource of(Field field) {
    return column(field.ordinal());
  }

  /** The coded column at index {@code column} of the block's columns. */
  static CodeSource column(int column) {
    return new CodeSource(COMPUTED + column);
  }

  /** How many sources a block over these columns has. */
  static int count(Codes[] columns) {
    return COMPUTED + columns.length;
  }

  /** The column's index in the block's columns, or -1 for computed codes. */
  int column() {
    return index >= COMPUTED ? index - COMPUTED : -1;
  }
}
