package dev.customerlens.bench;

import dev.customerlens.data.Dataset;
import dev.customerlens.events.CustomerFeatures;
import dev.customerlens.events.EventLog;
import dev.customerlens.model.CustomerModel;
import dev.customerlens.model.ProfileEngine;
import dev.customerlens.persona.PersonaRules;
import dev.customerlens.persona.Traits;
import dev.customerlens.score.ColumnarProfiles;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A log's customers' personas and traits at scale: {@code LogProfilesBench [COPIES] [RUNS]} derives
 * the embedded log's customers, stacks COPIES of them (default 256: about 920,000 rows), and times
 * the log model's rules and traits by the Tablesaw evaluation (the baseline) and by the columnar
 * engine, alternating in one JVM; checks the two agree and prints each one's median and the ratio.
 */
public final class LogProfilesBench {
  private LogProfilesBench() {}

  public static void main(String[] args) {
    int copies = args.length > 0 ? Integer.parseInt(args[0]) : 256;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Table one = CustomerFeatures.of(EventLog.embedded());
    Table stacked = one.emptyCopy();
    for (int i = 0; i < copies; i++) stacked.append(one);
    Dataset features = Dataset.derived("stacked", stacked, "", List.of(), List.of());
    PersonaRules rules = PersonaRules.forLogs();
    Traits traits = Traits.forLogs();
    List<Double> tablesaw = new ArrayList<>();
    List<Double> columnar = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      long started = System.nanoTime();
      StringColumn personas = rules.assign(stacked, Set.of());
      StringColumn labels = traits.describe(stacked);
      long between = System.nanoTime();
      ProfileEngine.Profiles profiles = ColumnarProfiles.ENGINE.profile(features, stacked, CustomerModel.forLogs().withRules(rules).withTraits(traits))
          .orElseThrow();
      long ended = System.nanoTime();
      if (!personas.asList().equals(profiles.personas().asList()) || !labels.asList().equals(profiles.traits().asList())) {
        throw new IllegalStateException("the columnar engine and the Tablesaw evaluation disagree");
      }
      tablesaw.add((between - started) / 1e9);
      columnar.add((ended - between) / 1e9);
    }
    double baseline = median(tablesaw);
    double ours = median(columnar);
    System.out.printf(Locale.ROOT, "%,d customers, %d runs: Tablesaw %.3f s, columnar engine %.3f s (median), %.2f× the baseline%n",
        stacked.rowCount(), runs, baseline, ours, ours / baseline);
  }

  private static double median(List<Double> seconds) {
    List<Double> sorted = new ArrayList<>(seconds);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
