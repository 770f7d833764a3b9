package dev.customerlens.score;

import static dev.customerlens.errors.WorkspaceException.within;

import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.recommend.RecommendationRule;
import dev.customerlens.rules.Condition;
import dev.customerlens.rules.Literals;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Turns a declared {@link Condition} into a {@link RowTest} over this engine's columns, with the
 * semantics of the Tablesaw evaluation ({@code ColumnTests}): numbers compare as doubles and a
 * missing number never matches; yes/no fields take = and != only; dates compare with a date in
 * quotes ('2011-06-09') and a missing date never matches; text takes =, != and IN, a blank cell
 * equals '' and never differs from anything. A comparison on a coded column becomes one lookup
 * table over its dictionary; a percentile becomes a threshold on the value it ranks.
 */
final class RuleCompiler {
  /** How the Tablesaw table types a column, which decides what a comparison means. */
  enum Kind { NUMBER, FLAG, DATE, TEXT }

  /** Something a condition can name. */
  interface Ref {}

  /** A dictionary-coded column: the code of each row, and the value each code stands for (null when missing). */
  record Coded(Kind kind, CodeSource source, int cardinality, IntFunction<Object> value) implements Ref {}

  /** A number computed per row. */
  record Computed(Block.Value value) implements Ref {}

  /**
   * A number held per row of the base (NaN when missing), compared row by row: a feature with
   * nearly as many values as rows gains nothing from a dictionary.
   */
  record Numbers(double[] values) implements Ref {}

  /** The mid-rank percentile of a number computed per row, over the whole base. */
  record Percentile(Block.Value of) implements Ref {}

  /** Text held per row without a dictionary, such as the id; compared row by row. */
  record PerRow(IntFunction<String> text) implements Ref {}

  /** A column of the Tablesaw table that batch scoring does not compute. */
  record Unsupported(String why) implements Ref {}

  private final Map<String, Ref> columns;
  private final Map<String, PercentileCut> cuts;

  /** @param columns every column in the order the Tablesaw table has them (error messages list them so) */
  RuleCompiler(LinkedHashMap<String, Ref> columns, Map<String, PercentileCut> cuts) {
    this.columns = columns;
    this.cuts = cuts;
  }

  /**
   * The test for a condition. Its AND and OR nodes use the block's scratch arrays from depth 1 on;
   * depth 0 belongs to IN lists of computed columns, so a caller passes an array of its own.
   */
  RowTest compile(Condition condition) {
    return compile(condition, 1);
  }

  /**
   * A test per recommendation rule, in rule order.
   *
   * @throws WorkspaceException naming the first rule that does not compile here
   */
  RowTest[] compile(List<RecommendationRule> rules) {
    RowTest[] tests = new RowTest[rules.size()];
    for (int r = 0; r < tests.length; r++) {
      RecommendationRule rule = rules.get(r);
      tests[r] = within("recommendation " + rule.action(), () -> compile(rule.when()));
    }
    return tests;
  }

  /** Registers, once, "the percentile of {@code of} is at least / above / equal to p" to be resolved later. */
  PercentileCut cut(Block.Value of, double percentile, PercentileCut.Kind kind) {
    return cuts.computeIfAbsent(of + " " + kind + " " + percentile, key -> new PercentileCut(of, percentile, kind));
  }

  Ref column(String name) {
    Ref ref = columns.get(name);
    if (ref == null) {
      throw new WorkspaceException("unknown field \"" + name + "\" in a rule; known fields: " + String.join(", ", columns.keySet()));
    }
    if (ref instanceof Unsupported unsupported) throw new WorkspaceException(unsupported.why());
    return ref;
  }

  private RowTest compile(Condition condition, int depth) {
    if (condition instanceof Condition.Comparison c) return leaf(c.field(), List.of(new Literal(c.operator(), c.value())));
    if (condition instanceof Condition.Membership m) {
      List<Literal> values = new ArrayList<>();
      for (Object value : m.values()) values.add(new Literal(Condition.Operator.EQ, value));
      return leaf(m.field(), values);
    }
    if (condition instanceof Condition.All a) return RowTest.all(parts(a.parts(), depth), depth);
    if (condition instanceof Condition.Any a) return RowTest.any(parts(a.parts(), depth), depth);
    if (condition instanceof Condition.Not n) return RowTest.not(compile(n.inner(), depth));
    if (condition instanceof Condition.Always) return RowTest.always();
    throw new WorkspaceException("the condition \"" + condition + "\" is a Java predicate; batch scoring compiles "
        + "conditions written as expressions only");
  }

  private List<RowTest> parts(List<Condition> parts, int depth) {
    List<RowTest> out = new ArrayList<>();
    for (Condition part : parts) out.add(compile(part, depth + 1));
    return out;
  }

  /** One comparison, or an IN list: any of the literals matches. */
  private record Literal(Condition.Operator op, Object value) {}

  private RowTest leaf(String field, List<Literal> literals) {
    Ref ref = column(field);
    if (ref instanceof Coded coded) {
      boolean[] match = new boolean[coded.cardinality()];
      for (Literal checked : literals) {
        Literal literal = check(coded.kind(), field, checked);
        for (int code = 0; code < match.length; code++) match[code] |= holds(coded.kind(), coded.value().apply(code), literal);
      }
      return RowTest.coded(coded.source(), match);
    }
    List<RowTest> tests = new ArrayList<>();
    for (Literal literal : literals) {
      if (ref instanceof Computed computed) {
        check(Kind.NUMBER, field, literal);
        tests.add(RowTest.computed(computed.value(), literal.op(), (Double) literal.value()));
      } else if (ref instanceof Numbers numbers) {
        check(Kind.NUMBER, field, literal);
        tests.add(RowTest.numbers(numbers.values(), literal.op(), (Double) literal.value()));
      } else if (ref instanceof Percentile percentile) {
        check(Kind.NUMBER, field, literal);
        tests.add(percentile(percentile.of(), literal.op(), (Double) literal.value()));
      } else {
        check(Kind.TEXT, field, literal);
        IntFunction<String> text = ((PerRow) ref).text();
        tests.add(RowTest.perRow(row -> holds(Kind.TEXT, text.apply(row), literal)));
      }
    }
    return tests.size() == 1 ? tests.get(0) : RowTest.any(tests, 0);
  }

  private RowTest percentile(Block.Value of, Condition.Operator op, double p) {
    return switch (op) {
      case GE -> RowTest.atLeast(of, cut(of, p, PercentileCut.Kind.AT_LEAST));
      case GT -> RowTest.atLeast(of, cut(of, p, PercentileCut.Kind.ABOVE));
      case LT -> RowTest.not(RowTest.atLeast(of, cut(of, p, PercentileCut.Kind.AT_LEAST)));
      case LE -> RowTest.not(RowTest.atLeast(of, cut(of, p, PercentileCut.Kind.ABOVE)));
      case EQ -> RowTest.equalTo(of, cut(of, p, PercentileCut.Kind.EQUAL));
      case NE -> RowTest.not(RowTest.equalTo(of, cut(of, p, PercentileCut.Kind.EQUAL)));
    };
  }

  /** The literal, checked against the column's kind; a date's text comes back parsed. */
  private static Literal check(Kind kind, String field, Literal literal) {
    Object value = literal.value();
    switch (kind) {
      case NUMBER -> expect(value instanceof Double, field, "a number", value);
      case FLAG -> {
        expect(value instanceof Boolean, field, "true or false", value);
        if (literal.op() != Condition.Operator.EQ && literal.op() != Condition.Operator.NE) {
          throw new WorkspaceException(field + " is yes/no and can only be compared with = or !=");
        }
      }
      case DATE -> {
        expect(value instanceof String, field, "a date in single quotes, such as '2011-06-09'", value);
        return new Literal(literal.op(), Literals.date((String) value, field));
      }
      case TEXT -> {
        expect(value instanceof String, field, "text in single quotes", value);
        if (literal.op() != Condition.Operator.EQ && literal.op() != Condition.Operator.NE) {
          throw new WorkspaceException(field + " is text and can only be compared with =, != or IN");
        }
      }
    }
    return literal;
  }

  private static void expect(boolean ok, String field, String expected, Object value) {
    if (!ok) throw new WorkspaceException(field + " must be compared with " + expected + ", not " + Literals.text(value));
  }

  /** Whether one cell value satisfies one checked literal. */
  private static boolean holds(Kind kind, Object cell, Literal literal) {
    return switch (kind) {
      case NUMBER -> {
        double v = cell == null ? Double.NaN : ((Number) cell).doubleValue();
        double x = (Double) literal.value();
        yield !Double.isNaN(v) && switch (literal.op()) {
          case EQ -> v == x;
          case NE -> v != x;
          case LT -> v < x;
          case LE -> v <= x;
          case GT -> v > x;
          case GE -> v >= x;
        };
      }
      case DATE -> {
        if (cell == null) yield false;
        int order = ((LocalDate) cell).compareTo((LocalDate) literal.value());
        yield switch (literal.op()) {
          case EQ -> order == 0;
          case NE -> order != 0;
          case LT -> order < 0;
          case LE -> order <= 0;
          case GT -> order > 0;
          case GE -> order >= 0;
        };
      }
      case FLAG -> {
        if (cell == null) yield false;
        boolean wanted = (Boolean) literal.value();
        yield literal.op() == Condition.Operator.EQ ? cell.equals(wanted) : !cell.equals(wanted);
      }
      case TEXT -> {
        String text = cell == null ? "" : (String) cell;
        yield literal.op() == Condition.Operator.EQ ? text.equals(literal.value()) : !text.isEmpty() && !text.equals(literal.value());
      }
    };
  }
}
