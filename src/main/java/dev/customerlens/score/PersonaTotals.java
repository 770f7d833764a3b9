package dev.customerlens.score;

import dev.customerlens.data.Customers;
import dev.customerlens.data.Features;
import dev.customerlens.data.Field;
import dev.customerlens.export.Export;
import dev.customerlens.persona.Persona;
import dev.customerlens.persona.PersonaSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * The persona summary's {@code PersonaSummary.Counts}, accumulated in one pass over coded rows
 * instead of from a Tablesaw table, and turned into lines by {@code PersonaSummary.line}. Sums run
 * in row order, as there, so rounded figures agree exactly.
 */
public final class PersonaTotals {
  private static final int TOP = 3;

  private PersonaTotals() {}

  static List<PersonaSummary.Line> of(Scoring scoring) {
    Customers data = scoring.data;
    List<Persona> personas = scoring.profiler.rules.personas();
    int p = personas.size();
    int rows = data.rows();
    double[] amountOf = data.numbers(Field.PURCHASE_AMOUNT);
    double[] ratingOf = data.numbers(Field.REVIEW_RATING);
    double[] ageOf = data.numbers(Field.AGE);
    int bands = Features.AGE_BANDS.size();
    int genders = data.values(Field.GENDER).size();
    int locations = data.values(Field.LOCATION).size();
    int categories = data.values(Field.CATEGORY).size();
    long[] n = new long[p];
    double[] amount = new double[p];
    double[] perYear = new double[p];
    double[] rating = new double[p];
    int[] rated = new int[p];
    double[] age = new double[p];
    int[][] bandCounts = new int[p][bands];
    int[][] genderCounts = new int[p][genders];
    int[][] locationCounts = new int[p][locations];
    int[][] categoryCounts = new int[p][categories];
    Field[] read = {Field.PURCHASE_AMOUNT, Field.FREQUENCY, Field.REVIEW_RATING, Field.AGE, Field.GENDER, Field.LOCATION,
        Field.CATEGORY};
    int[][] codes = new int[read.length][Block.SIZE];
    for (int from = 0; from < rows; from += Block.SIZE) {
      int size = Math.min(Block.SIZE, rows - from);
      for (int k = 0; k < read.length; k++) scoring.fieldCodes(read[k].ordinal(), from, size, codes[k]);
      int[] amountCodes = codes[0];
      int[] frequencyCodes = codes[1];
      int[] ratingCodes = codes[2];
      int[] ageCodes = codes[3];
      for (int i = 0; i < size; i++) {
        int who = scoring.profiler.persona[from + i] & 0xFF;
        n[who]++;
        amount[who] += amountOf[amountCodes[i]];
        perYear[who] += scoring.rateOfFrequency[frequencyCodes[i]];
        double r = ratingOf[ratingCodes[i]];
        if (!Double.isNaN(r)) {
          rating[who] += r;
          rated[who]++;
        }
        age[who] += ageOf[ageCodes[i]];
        bandCounts[who][scoring.bandOfAge[ageCodes[i]]]++;
        genderCounts[who][codes[4][i]]++;
        locationCounts[who][codes[5][i]]++;
        categoryCounts[who][codes[6][i]]++;
      }
    }
    List<PersonaSummary.Line> lines = new ArrayList<>();
    for (int who = 0; who < p; who++) {
      PersonaSummary.Mean amounts = new PersonaSummary.Mean(amount[who], n[who]);
      lines.add(PersonaSummary.line(personas.get(who).name(), personas.get(who).description(), new PersonaSummary.Counts(
          n[who], amounts, amounts, new PersonaSummary.Mean(perYear[who], n[who]),
          new PersonaSummary.Mean(rating[who], rated[who]), new PersonaSummary.Mean(age[who], n[who]),
          counts(bandCounts[who], Features.AGE_BANDS::get), counts(genderCounts[who], scoring.values(Field.GENDER)),
          counts(locationCounts[who], scoring.values(Field.LOCATION)),
          counts(categoryCounts[who], scoring.values(Field.CATEGORY))), rows));
    }
    return List.copyOf(lines);
  }

  /**
   * The summary as {@code Export.csv} writes the Tablesaw table: text guarded, numbers in plain
   * notation, missing values blank. Written without Tablesaw, whose first use scans the class path.
   */
  static Path write(List<PersonaSummary.Line> lines, Path target) {
    return Export.atomically(target, out -> {
      out.write(Export.csvRecord(PersonaSummary.COLUMNS));
      for (PersonaSummary.Line line : lines) out.write(Export.csvRecord(line.cells()));
    });
  }

  /** Customers per non-blank value, from counts per code. */
  private static Map<String, Long> counts(int[] countOfCode, IntFunction<Object> valueOfCode) {
    Map<String, Long> counts = new TreeMap<>();
    for (int code = 0; code < countOfCode.length; code++) {
      Object value = valueOfCode.apply(code);
      if (countOfCode[code] == 0 || value == null || ((String) value).isEmpty()) continue;
      counts.merge((String) value, (long) countOfCode[code], Long::sum);
    }
    return counts;
  }
}
