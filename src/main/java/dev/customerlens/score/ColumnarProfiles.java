package dev.customerlens.score;

import dev.customerlens.data.CodedColumns;
import dev.customerlens.data.Customers;
import dev.customerlens.data.Dataset;
import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.model.CustomerModel;
import dev.customerlens.model.ProfileEngine;
import dev.customerlens.persona.PersonaRules;
import dev.customerlens.persona.PersonaSummary;
import dev.customerlens.persona.Traits;
import dev.customerlens.predict.Predictor;
import dev.customerlens.recommend.Recommender;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import tech.tablesaw.api.Table;

/**
 * The columnar engine as an analysis's {@link ProfileEngine}: personas and traits, and for a customer
 * table the score terms and the scores they make, evaluated over dictionary codes on every core
 * instead of over Tablesaw columns. It takes a table read from a customer file (the reader's codes,
 * and for the columns of a joined log that the rules and traits name, those columns laid out from
 * the analysis's table) and the features derived from a log (laid out here; a log's scores come from
 * its fitted models, so there are no score terms to evaluate). It declines what it cannot compile (a
 * rule written as a Java predicate, a score term on a joined log's column, more than 255 personas or
 * 31 traits), which the analysis then evaluates itself.
 */
public final class ColumnarProfiles implements ProfileEngine {
  public static final ProfileEngine ENGINE = new ColumnarProfiles();
  private static final int TASK_BLOCKS = 8;
  /** The scores a block computes per customer, under their names in {@code Predictor}. */
  private static final List<Block.Value> SCORES = List.of(Block.Value.P_ACTIVE, Block.Value.CHURN_RISK,
      Block.Value.PURCHASE_PROBABILITY, Block.Value.CURRENT_VALUE, Block.Value.EXPECTED_ANNUAL_VALUE, Block.Value.CLV);

  private ColumnarProfiles() {}

  @Override
  public Optional<Profiles> profile(Dataset dataset, Table features, PersonaRules rules, Traits traits,
      Predictor predictor) {
    try {
      if (dataset.isDerived()) {
        FeatureTable laidOut = FeatureTable.of(features, FeatureTable.namedBy(rules, traits));
        Profiler profiler = new Profiler(laidOut.rows(), rules, traits,
            new RuleCompiler(laidOut.features(), new HashMap<>()));
        return Optional.of(profiles(profiler, () -> new Block(laidOut.columns(), profiler), null, null));
      }
      Customers data = dataset.coded().orElse(null);
      if (data == null) return Optional.empty();
      // The recommendations play no part here; the defaults only satisfy the model's shape.
      Scoring scoring = new Scoring(data, new CustomerModel(rules, traits, predictor, Recommender.defaults()), features);
      scoring.scale();
      // A column of the file's own named "spend" is what the Tablesaw summary totals; the engine totals the amount.
      Supplier<List<PersonaSummary.Line>> summary =
          features.containsColumn("spend") ? null : () -> PersonaTotals.of(scoring);
      return Optional.of(profiles(scoring.profiler, () -> new Block(scoring), scoring::contributions, summary));
    } catch (WorkspaceException cannotCompile) {
      return Optional.empty();
    }
  }

  /**
   * Every row's persona and traits, in parallel runs of blocks; with the term contributions, when
   * there are score terms, also every row's scores.
   */
  private static Profiles profiles(Profiler profiler, Supplier<Block> newBlock, Supplier<double[][]> contributions,
      Supplier<List<PersonaSummary.Line>> summary) {
    int rows = profiler.persona.length;
    boolean scored = contributions != null;
    double[][] values = new double[scored ? SCORES.size() : 0][rows];
    int tasks = (rows + TASK_BLOCKS * Block.SIZE - 1) / (TASK_BLOCKS * Block.SIZE);
    IntStream.range(0, tasks).parallel().forEach(task -> {
      Block block = newBlock.get();
      int end = Math.min(rows, (task + 1) * TASK_BLOCKS * Block.SIZE);
      for (int at = task * TASK_BLOCKS * Block.SIZE; at < end; at += Block.SIZE) {
        block.moveTo(at, Math.min(Block.SIZE, end - at));
        profiler.assign(block);
        for (int v = 0; v < values.length; v++) System.arraycopy(block.values(SCORES.get(v)), 0, values[v], at, block.size());
      }
    });
    // Each distinct set of traits gets a code, in order of first appearance.
    Int2IntOpenHashMap codeOfMask = new Int2IntOpenHashMap();
    List<String> labels = new ArrayList<>();
    int[] traitsOfRow = new int[rows];
    for (int row = 0; row < rows; row++) {
      int mask = profiler.traitMasks[row];
      int code = codeOfMask.getOrDefault(mask, -1);
      if (code < 0) {
        code = labels.size();
        codeOfMask.put(mask, code);
        labels.add(profiler.traitLabel(mask));
      }
      traitsOfRow[row] = code;
    }
    ProfileEngine.Scores scores = null;
    if (scored) {
      Map<String, double[]> derived = new HashMap<>();
      for (int v = 1; v < SCORES.size(); v++) derived.put(SCORES.get(v).name().toLowerCase(Locale.ROOT), values[v]);
      scores = new ProfileEngine.Scores(values[0], derived);
    }
    return new Profiles(
        CodedColumns.text("persona", rows, profiler.personaNames.size(), r -> profiler.persona[r] & 0xFF,
            profiler.personaNames::get),
        CodedColumns.text("traits", rows, labels.size(), r -> traitsOfRow[r], labels::get),
        scored ? contributions.get() : null, scores, summary == null ? null : summary.get());
  }
}
