package dev.customerlens.predict;

import dev.customerlens.errors.WorkspaceException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A per-customer number declared as data over features by name, such as {@code clv = amount ×
 * purchases_per_year × Σ (p_active / 1.1)^t}. Every engine compiles the same formula through {@link
 * #compile} (to Java arithmetic, a Spark column or SQL text), and the text readers see is written
 * from it, so a formula is never written twice.
 */
public sealed interface Formula {
  /** The value of a feature column, or of a score computed before this formula. */
  record Feature(String name) implements Formula {
    public <T> T compile(Engine<T> engine) {
      return engine.feature(name);
    }

    public String text() {
      return name;
    }
  }

  record Constant(double value) implements Formula {
    public <T> T compile(Engine<T> engine) {
      return engine.constant(value);
    }

    public String text() {
      return LinearScore.plain(value);
    }
  }

  record Negate(Formula operand) implements Formula {
    public <T> T compile(Engine<T> engine) {
      return engine.negate(operand.compile(engine));
    }

    public String text() {
      return "-" + operandText(operand, ATOM, false);
    }
  }

  record Binary(Operator operator, Formula left, Formula right) implements Formula {
    public <T> T compile(Engine<T> engine) {
      return engine.binary(operator, left.compile(engine), right.compile(engine));
    }

    public String text() {
      return operandText(left, operator.precedence, false) + " " + operator.symbol + " "
          + operandText(right, operator.precedence, true);
    }
  }

  /** e to the power of the operand. */
  record Exp(Formula operand) implements Formula {
    public <T> T compile(Engine<T> engine) {
      return engine.exp(operand.compile(engine));
    }

    public String text() {
      return "exp(" + operand.text() + ")";
    }
  }

  /** ln(1 + operand). */
  record Log1p(Formula operand) implements Formula {
    public <T> T compile(Engine<T> engine) {
      return engine.log1p(operand.compile(engine));
    }

    public String text() {
      return "ln(1 + " + operand.text() + ")";
    }
  }

  /** The operand, or 0 where it is missing: how a score term counts a customer whose feature is unknown. */
  record OrZero(Formula operand) implements Formula {
    public <T> T compile(Engine<T> engine) {
      return engine.orZero(operand.compile(engine));
    }

    public String text() {
      return "(" + operand.text() + ", 0 if missing)";
    }
  }

  /**
   * Σ_{t=1..years} (retention / (1 + discountRate))^t: a year's value kept with probability
   * {@code retention} and discounted, over {@code years} years. Readers see it as a sum; engines see
   * it written out as the loop {@code term *= q; sum += term} computes it, in the same order of
   * operations: q, q + q·q, (q + q·q) + (q·q)·q, ...
   */
  record Annuity(Formula retention, int years, double discountRate) implements Formula {
    public Annuity {
      if (years < 1) throw new WorkspaceException("an annuity needs at least one year");
    }

    public <T> T compile(Engine<T> engine) {
      Formula perYear = retention.dividedBy(constant(1 + discountRate));
      Formula term = perYear;
      Formula sum = perYear;
      for (int year = 2; year <= years; year++) {
        term = term.times(perYear);
        sum = sum.plus(term);
      }
      return sum.compile(engine);
    }

    public String text() {
      return "sum over years t = 1.." + years + " of (" + retention.text() + " / (1 + "
          + LinearScore.plain(discountRate) + "))^t";
    }
  }

  enum Operator {
    ADD("+", 1), SUBTRACT("-", 1), MULTIPLY("*", 2), DIVIDE("/", 2);

    private final String symbol;
    private final int precedence;

    Operator(String symbol, int precedence) {
      this.symbol = symbol;
      this.precedence = precedence;
    }

    public String symbol() {
      return symbol;
    }
  }

  /**
   * What an engine makes of each operation; {@link #compile} walks the formula bottom-up through it.
   * An annuity reaches the engine written out in these operations, so an engine that implements
   * these runs every formula.
   */
  interface Engine<T> {
    T feature(String name);

    T constant(double value);

    T negate(T operand);

    T binary(Operator operator, T left, T right);

    T exp(T operand);

    T log1p(T operand);

    /** The operand where it is known, else 0. */
    T orZero(T operand);
  }

  /** Precedence of anything that never needs brackets: a feature, a constant, a function. */
  int ATOM = 3;

  /** This formula in an engine's terms. */
  <T> T compile(Engine<T> engine);

  /** The formula as a reader sees it: "p_active * (1 - exp(-purchases_per_year * 30 / 365))". */
  String text();

  static Formula feature(String name) {
    return new Feature(name);
  }

  static Formula constant(double value) {
    return new Constant(value);
  }

  default Formula plus(Formula other) {
    return new Binary(Operator.ADD, this, other);
  }

  default Formula minus(Formula other) {
    return new Binary(Operator.SUBTRACT, this, other);
  }

  default Formula times(Formula other) {
    return new Binary(Operator.MULTIPLY, this, other);
  }

  default Formula dividedBy(Formula other) {
    return new Binary(Operator.DIVIDE, this, other);
  }

  default Formula negated() {
    return new Negate(this);
  }

  /** The features this formula reads, in the order it first names them. */
  default Set<String> features() {
    Set<String> names = new LinkedHashSet<>();
    compile(new Engine<Void>() {
      public Void feature(String name) {
        names.add(name);
        return null;
      }

      public Void constant(double value) {
        return null;
      }

      public Void negate(Void operand) {
        return null;
      }

      public Void binary(Operator operator, Void left, Void right) {
        return null;
      }

      public Void exp(Void operand) {
        return null;
      }

      public Void log1p(Void operand) {
        return null;
      }

      public Void orZero(Void operand) {
        return null;
      }
    });
    return names;
  }

  private static String operandText(Formula operand, int precedence, boolean right) {
    // Left-associative: a right operand of equal precedence needs brackets, "a - (b - c)".
    int own = operand instanceof Binary b ? b.operator().precedence : ATOM;
    boolean bracket = own < precedence || (right && own == precedence);
    return bracket ? "(" + operand.text() + ")" : operand.text();
  }
}
