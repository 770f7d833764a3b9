package dev.customerlens.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.rules.Condition;
import dev.customerlens.rules.Literals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;

/**
 * Declared conditions compiled to Spark column expressions, with the semantics of
 * {@code Condition.select}: a comparison on a missing value is false, literals must match the
 * column's kind (text, number, yes/no, or a date written as text), and "percentile" columns such as {@code clv_percentile}
 * become a comparison with the value at that percentile, so no percentile is computed per row.
 */
final class RuleColumns {
  private final StructType schema;
  private final Map<String, String> percentileOf;
  private final PercentileCuts cuts;

  /**
   * @param schema the columns rules can name
   * @param percentileOf rule column → the value column it ranks, e.g. clv_percentile → clv
   * @param cuts thresholds, resolved before any percentile comparison is compiled; null when
   *     {@code percentileOf} is empty
   */
  RuleColumns(StructType schema, Map<String, String> percentileOf, PercentileCuts cuts) {
    this.schema = schema;
    this.percentileOf = percentileOf;
    this.cuts = cuts;
  }

  /** The condition as one boolean column that is never null. */
  Column compile(Condition condition) {
    if (condition instanceof Condition.Comparison c) return leaf(c.field(), c.operator(), c.value());
    if (condition instanceof Condition.Membership m) {
      Column any = lit(false);
      for (Object value : m.values()) any = any.or(leaf(m.field(), Condition.Operator.EQ, value));
      return any;
    }
    if (condition instanceof Condition.All a) {
      Column all = lit(true);
      for (Condition part : a.parts()) all = all.and(compile(part));
      return all;
    }
    if (condition instanceof Condition.Any a) {
      Column any = lit(false);
      for (Condition part : a.parts()) any = any.or(compile(part));
      return any;
    }
    if (condition instanceof Condition.Not n) return not(compile(n.inner()));
    if (condition instanceof Condition.Always) return lit(true);
    throw new WorkspaceException("the condition \"" + condition + "\" is a Java predicate and cannot run on Spark; "
        + "write it as an expression");
  }

  /** Every percentile threshold the condition needs, for {@link PercentileCuts#resolve}. */
  static List<PercentileCuts.Cut> cutsOf(Condition condition, Map<String, String> percentileOf) {
    List<PercentileCuts.Cut> out = new ArrayList<>();
    collect(condition, percentileOf, out);
    return out;
  }

  private static void collect(Condition condition, Map<String, String> percentileOf, List<PercentileCuts.Cut> out) {
    if (condition instanceof Condition.Comparison c && percentileOf.containsKey(c.field()) && c.value() instanceof Double p) {
      out.add(cut(percentileOf.get(c.field()), c.operator(), p));
    } else if (condition instanceof Condition.Membership m && percentileOf.containsKey(m.field())) {
      for (Object value : m.values()) {
        if (value instanceof Double p) out.add(cut(percentileOf.get(m.field()), Condition.Operator.EQ, p));
      }
    } else if (condition instanceof Condition.All a) {
      a.parts().forEach(part -> collect(part, percentileOf, out));
    } else if (condition instanceof Condition.Any a) {
      a.parts().forEach(part -> collect(part, percentileOf, out));
    } else if (condition instanceof Condition.Not n) {
      collect(n.inner(), percentileOf, out);
    }
  }

  /** As the local engine reads "percentile op p": below p is "not at least p", at most p is "not above p". */
  private static PercentileCuts.Cut cut(String value, Condition.Operator op, double p) {
    return new PercentileCuts.Cut(value, p, switch (op) {
      case GE, LT -> PercentileCuts.Kind.AT_LEAST;
      case GT, LE -> PercentileCuts.Kind.ABOVE;
      case EQ, NE -> PercentileCuts.Kind.EQUAL;
    });
  }

  private Column leaf(String field, Condition.Operator op, Object value) {
    if (percentileOf.containsKey(field)) {
      check(field, value, Double.class, "a number");
      String of = percentileOf.get(field);
      double threshold = cuts.threshold(cut(of, op, (Double) value));
      Column at = Double.isNaN(threshold) ? lit(false)
          : op == Condition.Operator.EQ || op == Condition.Operator.NE ? col(of).equalTo(lit(threshold))
          : col(of).geq(lit(threshold));
      boolean negated = op == Condition.Operator.LT || op == Condition.Operator.LE || op == Condition.Operator.NE;
      return negated ? not(at) : at;
    }
    DataType type = type(field);
    if (type instanceof StringType) check(field, value, String.class, "text");
    else if (type instanceof NumericType) check(field, value, Double.class, "a number");
    else if (type instanceof BooleanType) check(field, value, Boolean.class, "yes/no (true or false)");
    else if (type instanceof DateType) check(field, value, String.class, "a date such as '2011-06-09'");
    Column x = col(field);
    Column literal = type instanceof DateType ? lit(java.sql.Date.valueOf(Literals.date((String) value, field))) : lit(value);
    Column test = switch (op) {
      case EQ -> x.equalTo(literal);
      case NE -> x.notEqual(literal);
      case LT -> x.lt(literal);
      case LE -> x.leq(literal);
      case GT -> x.gt(literal);
      case GE -> x.geq(literal);
    };
    return coalesce(test, lit(false));
  }

  private DataType type(String field) {
    for (var column : schema.fields()) {
      if (column.name().equals(field)) return column.dataType();
    }
    List<String> known = new ArrayList<>(List.of(schema.fieldNames()));
    known.removeIf(name -> name.startsWith("source_"));
    known.addAll(percentileOf.keySet());
    throw new WorkspaceException("unknown field \"" + field + "\" in a rule; known fields: " + String.join(", ", known));
  }

  private static void check(String field, Object value, Class<?> kind, String what) {
    if (!kind.isInstance(value)) {
      throw new WorkspaceException(field + " holds " + what + ", so it cannot be compared with " + value);
    }
  }

}
