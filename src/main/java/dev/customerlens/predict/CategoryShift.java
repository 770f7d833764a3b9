package dev.customerlens.predict;

import dev.customerlens.data.Cells;
import dev.customerlens.data.CodedColumns;
import dev.customerlens.data.Field;
import dev.customerlens.errors.WorkspaceException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.IntToDoubleFunction;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Which other category a customer is most likely to buy next, learned from the base: for each cell
 * (persona and age band) and each category its customers bought, the other category with the
 * highest {@link Predictor#cellCategoryShare()}. The shares are the model's formulas evaluated over
 * the categories, so every engine that counts the cells gets the same answer from this class.
 */
final class CategoryShift {
  private final Map<String, NextCategory> choices;

  private CategoryShift(Map<String, NextCategory> choices) {
    this.choices = choices;
  }

  /** The next category of every row of {@code features}, learned from those same rows. */
  static Choices learnAndChoose(Table features, Formula share) {
    Cells cells = Cells.of(features.stringColumn("persona"), Cells.ageBands(features),
        features.stringColumn(Field.CATEGORY.key()));
    long[] count = cells.counts();
    Map<List<String>, Long> counts = new HashMap<>();
    for (int cell = 0; cell < count.length; cell++) if (count[cell] > 0) counts.put(cells.key(cell), count[cell]);
    return fromCounts(counts, share).choose(cells);
  }

  /** Learned from customer counts keyed by (persona, age band, category), as a cluster counts them. */
  static CategoryShift fromCounts(Map<List<String>, Long> counts, Formula share) {
    List<String> categories = List.copyOf(new TreeSet<>(counts.keySet().stream().map(key -> key.get(2)).toList()));
    int k = categories.size();
    Map<String, long[]> personaCounts = new HashMap<>();
    Map<String, long[]> cellCounts = new HashMap<>();
    counts.forEach((key, n) -> {
      int c = categories.indexOf(key.get(2));
      personaCounts.computeIfAbsent(key.get(0), name -> new long[k])[c] += n;
      cellCounts.computeIfAbsent(key(key.get(0), key.get(1)), name -> new long[k])[c] += n;
    });
    Map<String, double[]> personaMix = new HashMap<>();
    Formula mixFormula = Predictor.personaCategoryMix();
    personaCounts.forEach((persona, buying) -> personaMix.put(persona, overCategories(k, mixFormula, Map.of(
        Predictor.IN_PERSONA_BUYING, c -> buying[c],
        Predictor.IN_PERSONA, same(sum(buying)),
        Predictor.CATEGORIES, same(k)))));
    Map<String, NextCategory> choices = new HashMap<>();
    cellCounts.forEach((cell, buying) -> {
      String[] names = cell.split("\u0000", -1);
      double[] shares = overCategories(k, share, Map.of(
          Predictor.IN_CELL_BUYING, c -> buying[c],
          Predictor.PERSONA_MIX, c -> personaMix.get(names[0])[c],
          Predictor.IN_CELL, same(sum(buying))));
      for (int own = 0; own < k; own++) {
        if (buying[own] == 0) continue;
        int chosen = own;
        double probability = 0;
        for (int c = 0; c < k; c++) {
          boolean other = c != own || k == 1;
          if (other && shares[c] > probability) {
            chosen = c;
            probability = shares[c];
          }
        }
        String ownName = categories.get(own);
        choices.put(key(names[0], names[1], ownName),
            new NextCategory(names[0], names[1], ownName, categories.get(chosen), probability));
      }
    });
    return new CategoryShift(choices);
  }

  /** Every (persona, age band, own category) this shift was learned from, with its choice. */
  List<NextCategory> choices() {
    return new ArrayList<>(choices.values());
  }

  /** The chosen next category of every row (by its cell), and its probability. */
  record Choices(int[] cellOfRow, String[] categoryOfCell, double[] probabilities) {
    StringColumn nextCategories() {
      return CodedColumns.text("next_category", cellOfRow.length, categoryOfCell.length, r -> cellOfRow[r],
          c -> categoryOfCell[c]);
    }

    DoubleColumn nextProbabilities() {
      return DoubleColumn.create("next_category_probability", probabilities);
    }
  }

  private Choices choose(Cells cells) {
    NextCategory[] ofCell = new NextCategory[cells.size()];
    String[] categoryOfCell = new String[cells.size()];
    int[] cellOfRow = cells.ofRow();
    double[] probability = new double[cellOfRow.length];
    for (int i = 0; i < cellOfRow.length; i++) {
      int cell = cellOfRow[i];
      NextCategory next = ofCell[cell];
      if (next == null) {
        List<String> key = cells.key(cell);
        next = ofCell[cell] = choices.get(key(key.get(0), key.get(1), key.get(2)));
        categoryOfCell[cell] = next.nextCategory();
      }
      probability[i] = next.probability();
    }
    return new Choices(cellOfRow, categoryOfCell, probability);
  }

  /** A formula's value for each category index, from inputs given by category index. */
  private static double[] overCategories(int categories, Formula formula, Map<String, IntToDoubleFunction> inputs) {
    IntToDoubleFunction compiled = formula.compile(new JavaArithmetic(name -> {
      IntToDoubleFunction input = inputs.get(name);
      if (input == null) {
        throw new WorkspaceException("the category shift's formula refers to \"" + name + "\"; it can use "
            + String.join(", ", new TreeSet<>(inputs.keySet())));
      }
      return input;
    }));
    double[] out = new double[categories];
    for (int c = 0; c < categories; c++) out[c] = compiled.applyAsDouble(c);
    return out;
  }

  private static IntToDoubleFunction same(double value) {
    return c -> value;
  }

  private static long sum(long[] counts) {
    long total = 0;
    for (long count : counts) total += count;
    return total;
  }

  private static String key(String... parts) {
    return String.join("\u0000", parts);
  }
}
