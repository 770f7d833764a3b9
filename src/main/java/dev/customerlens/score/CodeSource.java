package dev.customerlens.score;

import dev.customerlens.data.Customers;
import dev.customerlens.data.Field;

/**
 * Where a block's per-row dictionary codes come from: one of the few computed per row, or a column
 * of the file (a schema field or an extra column) at its place in {@code Customers.codes()}.
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

  /** The file column at {@code codes} index {@code column} (the id, at 0, has no codes). */
  static CodeSource column(int column) {
    return new CodeSource(COMPUTED + column - 1);
  }

  /** How many sources a block over this data has. */
  static int count(Customers data) {
    return COMPUTED + data.codes().length - 1;
  }

  /** The column's index in {@code Customers.codes()}, or -1 for computed codes. */
  int column() {
    return index >= COMPUTED ? index - COMPUTED + 1 : -1;
  }
}
