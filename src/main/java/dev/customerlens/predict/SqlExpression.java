package dev.customerlens.predict;


/**
 * Compiles a {@link Formula} to an SQL expression (DuckDB's dialect, and standard where it can be):
 * features are cast to DOUBLE (so yes/no counts 1 or 0), constants are DOUBLE literals and every
 * operation is bracketed, so the order of operations is the formula's. A feature may name an earlier
 * alias of the same SELECT, as DuckDB allows.
 */
public final class SqlExpression implements Formula.Engine<String> {
  @Override
  public String feature(String name) {
    return "CAST(" + name + " AS DOUBLE)";
  }

  @Override
  public String constant(double value) {
    if (Double.isNaN(value)) return "CAST('NaN' AS DOUBLE)";
    if (Double.isInfinite(value)) return "CAST('" + (value > 0 ? "" : "-") + "Infinity' AS DOUBLE)";
    return "CAST(" + value + " AS DOUBLE)";
  }

  @Override
  public String negate(String operand) {
    return "(-" + operand + ")";
  }

  @Override
  public String binary(Formula.Operator operator, String left, String right) {
    return "(" + left + " " + operator.symbol() + " " + right + ")";
  }

  @Override
  public String exp(String operand) {
    return "EXP(" + operand + ")";
  }

  @Override
  public String log1p(String operand) {
    return "LN(1 + " + operand + ")";
  }

  @Override
  public String orZero(String operand) {
    return "COALESCE(" + operand + ", 0)";
  }
}
