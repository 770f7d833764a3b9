package dev.customerlens.predict;

import java.util.function.Function;
import java.util.function.IntToDoubleFunction;

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
}
