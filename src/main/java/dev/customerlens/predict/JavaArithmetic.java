package dev.customerlens.predict;

import dev.customerlens.errors.WorkspaceException;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.IntToDoubleFunction;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * Compiles a {@link Formula} to Java double arithmetic over rows: the reference evaluation, used by
 * the Tablesaw analysis and the columnar engine alike, so their numbers agree to the last bit.
 */
public final class JavaArithmetic implements Formula.Engine<IntToDoubleFunction> {
  private final Function<String, IntToDoubleFunction> features;

  /** @param features each feature's value by row; NaN where missing */
  public JavaArithmetic(Function<String, IntToDoubleFunction> features) {
    this.features = features;
  }

  @Override
  public IntToDoubleFunction feature(String name) {
    return features.apply(name);
  }

  @Override
  public IntToDoubleFunction constant(double value) {
    return row -> value;
  }

  @Override
  public IntToDoubleFunction negate(IntToDoubleFunction operand) {
    return row -> -operand.applyAsDouble(row);
  }

  @Override
  public IntToDoubleFunction binary(Formula.Operator operator, IntToDoubleFunction left, IntToDoubleFunction right) {
    return switch (operator) {
      case ADD -> row -> left.applyAsDouble(row) + right.applyAsDouble(row);
      case SUBTRACT -> row -> left.applyAsDouble(row) - right.applyAsDouble(row);
      case MULTIPLY -> row -> left.applyAsDouble(row) * right.applyAsDouble(row);
      case DIVIDE -> row -> left.applyAsDouble(row) / right.applyAsDouble(row);
    };
  }

  @Override
  public IntToDoubleFunction exp(IntToDoubleFunction operand) {
    return row -> Math.exp(operand.applyAsDouble(row));
  }

  @Override
  public IntToDoubleFunction log1p(IntToDoubleFunction operand) {
    return row -> Math.log1p(operand.applyAsDouble(row));
  }

  @Override
  public IntToDoubleFunction orZero(IntToDoubleFunction operand) {
    return row -> {
      double value = operand.applyAsDouble(row);
      return Double.isNaN(value) ? 0 : value;
    };
  }

  /** A number or yes/no column of a table by row: yes as 1, no as 0, missing as NaN. */
  public static IntToDoubleFunction column(Table features, String name) {
    if (!features.containsColumn(name)) {
      throw new WorkspaceException("score formula refers to unknown feature \"" + name + "\"; known: "
          + String.join(", ", features.columnNames()));
    }
    var column = features.column(name);
    if (column instanceof NumericColumn<?> numbers) return numbers::getDouble;
    if (column instanceof BooleanColumn flags) return i -> flags.isMissing(i) ? Double.NaN : flags.get(i) ? 1 : 0;
    throw new WorkspaceException("score formula needs \"" + name + "\" to be a number or yes/no column, not "
        + column.type().name().toLowerCase(Locale.ROOT));
  }
}
