package dev.customerlens.predict;

import dev.customerlens.data.Features;
import dev.customerlens.data.Field;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Which other category a customer is most likely to buy next, learned from the base: the category
 * mix of customers in the same persona and age band, shrunk towards the persona's own mix (by
 * {@code smoothing} pseudo-customers) so that small cells do not give extreme answers.
 */
final class CategoryShift {
  private final List<String> categories;
  private final Map<String, double[]> personaMix;
  private final Map<String, int[]> cellCounts;
  private final double smoothing;

  private CategoryShift(List<String> categories, Map<String, double[]> personaMix, Map<String, int[]> cellCounts,
      double smoothing) {
    this.categories = categories;
    this.personaMix = personaMix;
    this.cellCounts = cellCounts;
    this.smoothing = smoothing;
  }

  static CategoryShift learn(Table features, double smoothing) {
    StringColumn category = features.stringColumn(Field.CATEGORY.key());
    List<String> categories = List.copyOf(new TreeSet<>(category.asSet()));
    Map<String, int[]> personaCounts = new HashMap<>();
    Map<String, int[]> cellCounts = new HashMap<>();
    for (int i = 0; i < features.rowCount(); i++) {
      int c = categories.indexOf(category.get(i));
      personaCounts.computeIfAbsent(persona(features, i), k -> new int[categories.size()])[c]++;
      cellCounts.computeIfAbsent(cell(features, i), k -> new int[categories.size()])[c]++;
    }
    Map<String, double[]> personaMix = new HashMap<>();
    personaCounts.forEach((persona, counts) -> {
      double total = 0;
      for (int count : counts) total += count + 1;
      double[] mix = new double[counts.length];
      for (int c = 0; c < counts.length; c++) mix[c] = (counts[c] + 1) / total;
      personaMix.put(persona, mix);
    });
    return new CategoryShift(categories, personaMix, cellCounts, smoothing);
  }

  StringColumn nextCategories(Table features) {
    StringColumn out = StringColumn.create("next_category");
    for (int i = 0; i < features.rowCount(); i++) out.append(categories.isEmpty() ? "" : best(features, i).category);
    return out;
  }

  DoubleColumn nextProbabilities(Table features) {
    DoubleColumn out = DoubleColumn.create("next_category_probability");
    for (int i = 0; i < features.rowCount(); i++) out.append(categories.isEmpty() ? 0 : best(features, i).probability);
    return out;
  }

  private record Choice(String category, double probability) {}

  private Choice best(Table features, int row) {
    double[] mix = personaMix.get(persona(features, row));
    int[] counts = cellCounts.get(cell(features, row));
    int cellSize = 0;
    for (int count : counts) cellSize += count;
    String own = features.stringColumn(Field.CATEGORY.key()).get(row);
    Choice best = new Choice(own, 0);
    for (int c = 0; c < categories.size(); c++) {
      double p = (counts[c] + smoothing * mix[c]) / (cellSize + smoothing);
      boolean other = !categories.get(c).equals(own) || categories.size() == 1;
      if (other && p > best.probability) best = new Choice(categories.get(c), p);
    }
    return best;
  }

  private static String persona(Table features, int row) {
    return features.stringColumn("persona").get(row);
  }

  private static String cell(Table features, int row) {
    return persona(features, row) + "\u0000" + features.stringColumn(Features.AGE_BAND).get(row);
  }
}
