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
    StringColumn persona = features.stringColumn("persona");
    StringColumn band = features.stringColumn(Features.AGE_BAND);
    List<String> categories = List.copyOf(new TreeSet<>(category.asSet()));
    Map<String, int[]> personaCounts = new HashMap<>();
    Map<String, int[]> cellCounts = new HashMap<>();
    for (int i = 0; i < features.rowCount(); i++) {
      int c = categories.indexOf(category.get(i));
      personaCounts.computeIfAbsent(persona.get(i), k -> new int[categories.size()])[c]++;
      cellCounts.computeIfAbsent(cell(persona.get(i), band.get(i)), k -> new int[categories.size()])[c]++;
    }
    Map<String, double[]> personaMix = new HashMap<>();
    personaCounts.forEach((name, counts) -> {
      double total = 0;
      for (int count : counts) total += count + 1;
      double[] mix = new double[counts.length];
      for (int c = 0; c < counts.length; c++) mix[c] = (counts[c] + 1) / total;
      personaMix.put(name, mix);
    });
    return new CategoryShift(categories, personaMix, cellCounts, smoothing);
  }

  /** The chosen next category of every row, and its probability. */
  record Choices(String[] categories, double[] probabilities) {
    StringColumn nextCategories() {
      return StringColumn.create("next_category", categories);
    }

    DoubleColumn nextProbabilities() {
      return DoubleColumn.create("next_category_probability", probabilities);
    }
  }

  Choices choose(Table features) {
    int n = features.rowCount();
    StringColumn persona = features.stringColumn("persona");
    StringColumn band = features.stringColumn(Features.AGE_BAND);
    StringColumn own = features.stringColumn(Field.CATEGORY.key());
    String[] chosen = new String[n];
    double[] probability = new double[n];
    for (int i = 0; i < n; i++) {
      double[] mix = personaMix.get(persona.get(i));
      int[] counts = cellCounts.get(cell(persona.get(i), band.get(i)));
      int cellSize = 0;
      for (int count : counts) cellSize += count;
      chosen[i] = own.get(i);
      for (int c = 0; c < categories.size(); c++) {
        double p = (counts[c] + smoothing * mix[c]) / (cellSize + smoothing);
        boolean other = !categories.get(c).equals(own.get(i)) || categories.size() == 1;
        if (other && p > probability[i]) {
          chosen[i] = categories.get(c);
          probability[i] = p;
        }
      }
    }
    return new Choices(chosen, probability);
  }

  private static String cell(String persona, String band) {
    return persona + "\u0000" + band;
  }
}
