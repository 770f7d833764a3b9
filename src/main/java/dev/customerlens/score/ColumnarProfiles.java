package dev.customerlens.score;

import dev.customerlens.data.CodedColumns;
import dev.customerlens.data.Customers;
import dev.customerlens.data.Dataset;
import dev.customerlens.data.Features;
import dev.customerlens.data.Field;
import dev.customerlens.data.ValueOrder;
import dev.customerlens.errors.Failures;
import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.model.CustomerModel;
import dev.customerlens.model.ProfileEngine;
import dev.customerlens.persona.PersonaSummary;
import dev.customerlens.recommend.Recommender;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.selection.Selection;

/**
 * The columnar engine as an analysis's {@link ProfileEngine}: personas and traits, and for a customer
 * table the score terms, the scores they make, the columns of the percentile cuts and the category
 * shift, and each recommendation rule's matches, evaluated over dictionary codes on every core
 * instead of over Tablesaw columns. It takes a table read from a customer file (the reader's codes,
 * and for the columns of a joined log that the model's rules name, those columns laid out from
 * the analysis's table) and the features derived from a log (laid out here; a log's scores come from
 * its fitted models, so there are no score terms to evaluate). It declines what it cannot compile (a
 * rule written as a Java predicate, a score term on a joined log's column, more than 255 personas or
 * 31 traits), which the analysis then evaluates itself; recommendation rules it cannot compile
 * leave only the matches to the analysis.
 */
public final class ColumnarProfiles implements ProfileEngine {
  public static final ProfileEngine ENGINE = new ColumnarProfiles();
  private static final int TASK_BLOCKS = 8;
  private static final int TASK_ROWS = TASK_BLOCKS * Block.SIZE;
  /** The scores a block computes per customer, under their names in {@code Predictor}. */
  private static final List<Block.Value> SCORES = List.of(Block.Value.P_ACTIVE, Block.Value.CHURN_RISK,
      Block.Value.PURCHASE_PROBABILITY, Block.Value.CURRENT_VALUE, Block.Value.EXPECTED_ANNUAL_VALUE, Block.Value.CLV);

  private ColumnarProfiles() {}

  @Override
  public Optional<Profiles> profile(Dataset dataset, Table features, CustomerModel model) {
    try {
      if (dataset.isDerived()) {
        FeatureTable laidOut = FeatureTable.of(features, FeatureTable.namedBy(model.rules(), model.traits()));
        Profiler profiler = new Profiler(laidOut.rows(), model.rules(), model.traits(),
            new RuleCompiler(laidOut.features(), new HashMap<>()));
        return Optional.of(profiles(profiler, () -> new Block(laidOut.columns(), profiler), null, null));
      }
      Customers data = dataset.coded().orElse(null);
      if (data == null) return Optional.empty();
      Scoring scoring = new Scoring(data, model, features);
      scoring.scale();
      // A column of the file's own named "spend" is what the Tablesaw summary totals; the engine totals the amount.
      Supplier<List<PersonaSummary.Line>> summary =
          features.containsColumn("spend") ? null : () -> PersonaTotals.of(scoring);
      return Optional.of(profiles(scoring.profiler, () -> new Block(scoring), scoring, summary));
    } catch (WorkspaceException cannotCompile) {
      return Optional.empty();
    }
  }

  /**
   * Every row's persona and traits, in parallel runs of blocks; on a customer table ({@code scoring}
   * not null) also every row's scores and term contributions, and from a second pass
   * ({@link #secondPass}) the columns of the cuts and the category shift and the recommendations' matches.
   */
  private static Profiles profiles(Profiler profiler, Supplier<Block> newBlock, Scoring scoring,
      Supplier<List<PersonaSummary.Line>> summary) {
    int rows = profiler.persona.length;
    boolean scored = scoring != null;
    double[][] values = new double[scored ? SCORES.size() : 0][rows];
    long[] annual = scored ? new long[rows] : null;
    long[] clv = scored ? new long[rows] : null;
    int categories = scored ? scoring.data.values(Field.CATEGORY).size() : 0;
    int cellCount = scored ? profiler.personaNames.size() * Features.AGE_BANDS.size() * categories : 0;
    List<int[]> cellsPerTask = tasks(rows).parallel().mapToObj(task -> {
      Block block = newBlock.get();
      int[] counted = new int[cellCount];
      for (int at = task * TASK_ROWS, end = Math.min(rows, at + TASK_ROWS); at < end; at += Block.SIZE) {
        block.moveTo(at, Math.min(Block.SIZE, end - at));
        if (scored) scoring.classify(block, annual, clv, counted, categories);
        else profiler.assign(block);
        for (int v = 0; v < values.length; v++) System.arraycopy(block.values(SCORES.get(v)), 0, values[v], at, block.size());
      }
      return counted;
    }).toList();
    int[] cells = new int[cellCount];
    for (int[] counted : cellsPerTask) for (int c = 0; c < cellCount; c++) cells[c] += counted[c];
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
    SecondPass second = null;
    if (scored) {
      second = secondPass(scoring, values, annual, clv, cells, categories);
      Map<String, double[]> derived = new HashMap<>();
      for (int v = 1; v < SCORES.size(); v++) derived.put(SCORES.get(v).name().toLowerCase(Locale.ROOT), values[v]);
      scores = new ProfileEngine.Scores(values[0], derived, second.columns());
    }
    return new Profiles(
        CodedColumns.text("persona", rows, profiler.personaNames.size(), r -> profiler.persona[r] & 0xFF,
            profiler.personaNames::get),
        CodedColumns.text("traits", rows, labels.size(), r -> traitsOfRow[r], labels::get),
        scored ? scoring.contributions() : null, scores, summary == null ? null : summary.get(),
        scored ? second.matches() : null);
  }

  /**
   * What the second pass lays out: the prediction columns made from cuts and the category shift,
   * and each recommendation rule's matching rows in rule order (null where the engine cannot
   * compile the rules: a Java predicate, a column it does not lay out).
   */
  private record SecondPass(Map<String, Column<?>> columns, List<Selection> matches) {}

  /**
   * With the base's expected annual values and lifetime values sorted, the percentile cuts resolved
   * and the category shift learnt from the first pass's cells, one more pass over the rows (reading
   * the first pass's {@code scores}, not computing them again) lays out every row's revenue
   * potential and next category, and finds each recommendation rule's matches.
   */
  private static SecondPass secondPass(Scoring scoring, double[][] scores, long[] annual, long[] clv, int[] cells,
      int categories) {
    boolean recommends;
    try {
      scoring.compileRecommendations(false);
      recommends = true;
    } catch (WorkspaceException cannotCompile) {
      recommends = false;
    }
    CompletableFuture<double[]> clvPercentile = CompletableFuture.supplyAsync(() -> ValueOrder.sortRanking(clv));
    ValueOrder.sort(annual, new long[annual.length]);
    DoubleColumn clvPercentileColumn = DoubleColumn.create("clv_percentile", Failures.joined(clvPercentile));
    scoring.resolve(annual, clv, cells, categories);
    int rules = recommends ? scoring.recommendationCount() : 0;
    int rows = scoring.rows;
    int[] potential = new int[rows];
    int[] nextCategory = new int[rows];
    double[] nextProbability = new double[rows];
    List<Selection> matches = matches(rows, rules, () -> new Block(scoring, scores), scoring::matchRecommendations,
        block -> {
          int at = block.from();
          int n = block.size();
          System.arraycopy(block.codes(CodeSource.REVENUE_POTENTIAL), 0, potential, at, n);
          System.arraycopy(block.codes(CodeSource.NEXT_CATEGORY), 0, nextCategory, at, n);
          System.arraycopy(block.values(Block.Value.NEXT_CATEGORY_PROBABILITY), 0, nextProbability, at, n);
        });
    IntFunction<Object> category = scoring.values(Field.CATEGORY);
    Map<String, Column<?>> columns = Map.of(
        "clv_percentile", clvPercentileColumn,
        "revenue_potential", CodedColumns.text("revenue_potential", rows, Scoring.POTENTIALS.size(),
            r -> potential[r], Scoring.POTENTIALS::get),
        "next_category", CodedColumns.text("next_category", rows, categories, r -> nextCategory[r],
            c -> (String) category.apply(c)),
        "next_category_probability", DoubleColumn.create("next_category_probability", nextProbability));
    return new SecondPass(columns, recommends ? matches : null);
  }

  /**
   * The recommendation rules' matches over any scored table, such as a log's customers scored by
   * their fitted forecasts: the columns the rules name are laid out ({@link FeatureTable}) and the
   * rules compiled over them, as a log's persona rules are.
   */
  @Override
  public Optional<List<Selection>> recommendationMatches(Table scored, Recommender recommender) {
    FeatureTable laidOut = FeatureTable.of(scored, FeatureTable.namedBy(recommender));
    RowTest[] tests;
    try {
      tests = new RuleCompiler(laidOut.features(), new HashMap<>()).compile(recommender.rules());
    } catch (WorkspaceException cannotCompile) {
      return Optional.empty();
    }
    // No profiler: the scored table's persona and traits are columns laid out like any other.
    return Optional.of(matches(laidOut.rows(), tests.length, () -> new Block(laidOut.columns(), null),
        (block, matched) -> {
          for (int r = 0; r < tests.length; r++) tests[r].eval(block, matched[r]);
        }, block -> {}));
  }

  /**
   * Each of {@code rules} rules' matching rows, in rule order, from parallel runs of blocks:
   * {@code match} fills {@code matched[rule][i]} for a block's rows, after {@code each} has read
   * what else the caller takes from the block.
   */
  private static List<Selection> matches(int rows, int rules, Supplier<Block> newBlock,
      BiConsumer<Block, boolean[][]> match, Consumer<Block> each) {
    List<IntArrayList[]> perTask = tasks(rows).parallel().mapToObj(task -> {
      Block block = newBlock.get();
      boolean[][] matched = new boolean[rules][Block.SIZE];
      IntArrayList[] found = new IntArrayList[rules];
      for (int r = 0; r < rules; r++) found[r] = new IntArrayList();
      for (int at = task * TASK_ROWS, end = Math.min(rows, at + TASK_ROWS); at < end; at += Block.SIZE) {
        block.moveTo(at, Math.min(Block.SIZE, end - at));
        each.accept(block);
        if (rules == 0) continue;
        match.accept(block, matched);
        for (int r = 0; r < rules; r++) {
          for (int i = 0; i < block.size(); i++) if (matched[r][i]) found[r].add(at + i);
        }
      }
      return found;
    }).toList();
    List<Selection> out = new ArrayList<>();
    for (int r = 0; r < rules; r++) {
      IntArrayList rowsOfRule = new IntArrayList();
      for (IntArrayList[] found : perTask) rowsOfRule.addAll(found[r]);
      out.add(Selection.with(rowsOfRule.toIntArray()));
    }
    return out;
  }

  /** The task numbers of a pass over {@code rows} rows, {@value #TASK_BLOCKS} blocks a task. */
  private static IntStream tasks(int rows) {
    return IntStream.range(0, (rows + TASK_ROWS - 1) / TASK_ROWS);
  }
}
