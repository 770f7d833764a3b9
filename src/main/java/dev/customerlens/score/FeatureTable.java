package dev.customerlens.score;

import dev.customerlens.data.Codes;
import dev.customerlens.persona.PersonaRules;
import dev.customerlens.persona.Traits;
import dev.customerlens.recommend.Recommender;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Named feature columns of a Tablesaw table (such as the features a log's customers are derived
 * into) laid out for the engine, each typed as the Tablesaw evaluation types it: numbers as one
 * double per row (missing as NaN), and yes/no, dates and text dictionary-coded. Only the columns a
 * model names are laid out, so a wide table costs what its rules read.
 *
 * @param columns the coded columns, at the indexes their {@link CodeSource}s name
 * @param features each column under its name, for {@link RuleCompiler}
 */
record FeatureTable(int rows, Codes[] columns, LinkedHashMap<String, RuleCompiler.Ref> features) {

  /** The feature names the persona rules and traits read. */
  static Set<String> namedBy(PersonaRules rules, Traits traits) {
    Set<String> named = new HashSet<>();
    rules.rules().forEach(rule -> named.addAll(rule.when().fields()));
    traits.traits().forEach(trait -> named.addAll(trait.when().fields()));
    return named;
  }

  /** The feature and score names the recommendation rules read. */
  static Set<String> namedBy(Recommender recommender) {
    Set<String> named = new HashSet<>();
    recommender.rules().forEach(rule -> named.addAll(rule.when().fields()));
    return named;
  }

  /**
   * The columns of {@code table} among {@code named}. A name the table lacks, or a column of a type
   * the engine does not compare (times, instants), is left out: a rule naming it fails to compile,
   * and the engine's caller evaluates that model by Tablesaw, which says what is wrong.
   */
  static FeatureTable of(Table table, Set<String> named) {
    return of(table, named, 0);
  }

  /** As {@link #of(Table, Set)}, for a block whose columns before {@code firstColumn} are another's (a customer file's). */
  static FeatureTable of(Table table, Set<String> named, int firstColumn) {
    int rows = table.rowCount();
    List<Codes> columns = new ArrayList<>();
    LinkedHashMap<String, RuleCompiler.Ref> features = new LinkedHashMap<>();
    for (Column<?> column : table.columns()) {
      if (!named.contains(column.name())) continue;
      if (column instanceof NumericColumn<?> numbers) {
        double[] values = new double[rows];
        for (int row = 0; row < rows; row++) values[row] = numbers.getDouble(row);
        features.put(column.name(), new RuleCompiler.Numbers(values));
        continue;
      }
      RuleCompiler.Kind kind;
      IntFunction<Object> valueOfRow;
      if (column instanceof BooleanColumn flags) {
        kind = RuleCompiler.Kind.FLAG;
        valueOfRow = flags::get;
      } else if (column instanceof DateColumn dates) {
        kind = RuleCompiler.Kind.DATE;
        valueOfRow = dates::get;
      } else if (column instanceof StringColumn texts) {
        kind = RuleCompiler.Kind.TEXT;
        valueOfRow = texts::get;
      } else {
        continue;
      }
      int[] codes = new int[rows];
      List<Object> values = new ArrayList<>();
      Map<Object, Integer> codeOf = new HashMap<>();
      for (int row = 0; row < rows; row++) {
        Object value = valueOfRow.apply(row);
        codes[row] = codeOf.computeIfAbsent(value, v -> {
          values.add(v);
          return values.size() - 1;
        });
      }
      CodeSource source = CodeSource.column(firstColumn + columns.size());
      columns.add(Codes.of(codes, values.size()));
      features.put(column.name(), new RuleCompiler.Coded(kind, source, values.size(), values::get));
    }
    return new FeatureTable(rows, columns.toArray(Codes[]::new), features);
  }
}
