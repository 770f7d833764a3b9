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
  private final Map<String, long[]> cellCounts;
  private final double smoothing;

  private CategoryShift(List<String> categories, Map<String, double[]> personaMix, Map<String, long[]> cellCounts,
      double smoothing) {
    this.categories = categories;
    this.personaMix = personaMix;
    this.cellCounts = cellCounts;
    this.smoothing = smoothing;
  }

  static CategoryShift learn(Table features, double smoothing) {
    StringColumn category = features.stringColumn(Field.CATEGORY.key());
    StringColumn persona = features.stringColumn("persona");
    StringColumn band = bands(features);
    Map<List<String>, Long> counts = new HashMap<>();
    for (int i = 0; i < features.rowCount(); i++) {
      counts.merge(List.of(persona.get(i), band.get(i), category.get(i)), 1L, Long::sum);
    }
    return fromCounts(counts, smoothing);
  }

  /** Learned from customer counts keyed by (persona, age band, category), as a cluster counts them. */
  static CategoryShift fromCounts(Map<List<String>, Long> counts, double smoothing) {
    List<String> categories = List.copyOf(new TreeSet<>(counts.keySet().stream().map(key -> key.get(2)).toList()));
    Map<String, long[]> personaCounts = new HashMap<>();
    Map<String, long[]> cellCounts = new HashMap<>();
    counts.forEach((key, n) -> {
      int c = categories.indexOf(key.get(2));
      personaCounts.computeIfAbsent(key.get(0), k -> new long[categories.size()])[c] += n;
      cellCounts.computeIfAbsent(cell(key.get(0), key.get(1)), k -> new long[categories.size()])[c] += n;
    });
    Map<String, double[]> personaMix = new HashMap<>();
    personaCounts.forEach((name, perCategory) -> {
      double total = 0;
      for (long count : perCategory) total += count + 1;
      double[] mix = new double[perCategory.length];
      for (int c = 0; c < perCategory.length; c++) mix[c] = (perCategory[c] + 1) / total;
      personaMix.put(name, mix);
    });
    return new CategoryShift(categories, personaMix, cellCounts, smoothing);
  }

  /** The next category, and its probability, of a customer in this persona, age band and category. */
  NextCategory choose(String persona, String band, String own) {
    double[] mix = personaMix.get(persona);
    long[] counts = cellCounts.get(cell(persona, band));
    long cellSize = 0;
    for (long count : counts) cellSize += count;
    String chosen = own;
    double probability = 0;
    for (int c = 0; c < categories.size(); c++) {
      double p = (counts[c] + smoothing * mix[c]) / (cellSize + smoothing);
      boolean other = !categories.get(c).equals(own) || categories.size() == 1;
      if (other && p > probability) {
        chosen = categories.get(c);
        probability = p;
      }
    }
    return new NextCategory(persona, band, own, chosen, probability);
  }

  /** Every (persona, age band, own category) this shift was learned from, with its choice. */
  List<NextCategory> choices() {
    List<NextCategory> out = new java.util.ArrayList<>();
    cellCounts.forEach((cell, counts) -> {
      String[] key = cell.split("\u0000", -1);
      for (int c = 0; c < categories.size(); c++) {
        if (counts[c] > 0) out.add(choose(key[0], key[1], categories.get(c)));
      }
    });
    return out;
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
    StringColumn band = bands(features);
    StringColumn own = features.stringColumn(Field.CATEGORY.key());
    String[] chosen = new String[n];
    double[] probability = new double[n];
    for (int i = 0; i < n; i++) {
      NextCategory next = choose(persona.get(i), band.get(i), own.get(i));
      chosen[i] = next.nextCategory();
      probability[i] = next.probability();
    }
    return new Choices(chosen, probability);
  }

  /** Age bands where the customers have ages; one band for all where they do not (a log's customers). */
  private static StringColumn bands(Table features) {
    if (features.containsColumn(Features.AGE_BAND)) return features.stringColumn(Features.AGE_BAND);
    StringColumn all = StringColumn.create(Features.AGE_BAND, features.rowCount());
    for (int i = 0; i < features.rowCount(); i++) all.set(i, "");
    return all;
  }

  private static String cell(String persona, String band) {
    return persona + "\u0000" + band;
  }
}
