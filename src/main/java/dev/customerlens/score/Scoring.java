package dev.customerlens.score;

import dev.customerlens.data.Codes;
import dev.customerlens.data.Customers;
import dev.customerlens.data.ExtraColumn;
import static dev.customerlens.errors.WorkspaceException.within;

import dev.customerlens.data.Features;
import dev.customerlens.data.Field;
import dev.customerlens.data.Frequency;
import dev.customerlens.model.CustomerModel;
import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.predict.Formula;
import dev.customerlens.predict.JavaArithmetic;
import dev.customerlens.predict.LinearScore;
import dev.customerlens.predict.NextCategory;
import dev.customerlens.predict.Predictor;
import dev.customerlens.predict.Term;
import dev.customerlens.recommend.Priority;
import dev.customerlens.recommend.RecommendationRule;
import dev.customerlens.recommend.Recommender;
import dev.customerlens.recommend.Template;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import tech.tablesaw.api.Table;

/**
 * The analysis of {@code Analysis} (features, personas, traits, scores, category shift and the top
 * recommendation) compiled for one loaded base: every declared rule and score term becomes lookup
 * tables over the columns' dictionaries, and every number is computed with the same double
 * operations in the same order as {@code Features}, {@code LinearScore}, {@code Predictor} and
 * {@code CategoryShift}, so the results are the Tablesaw engine's to the last bit.
 */
final class Scoring {
  static final List<String> ACTIONS = Predictor.ACTIONS;
  static final List<String> POTENTIALS = Predictor.POTENTIALS;
  private static final Field[] FIELDS = Field.values();
  private static final int MAX_ACTION_VARIANTS = 1 << 16;

  final Customers data;
  /** The block's coded columns: the file's ({@code data.codes()}), then any a joined table adds. */
  final Codes[] columns;
  final int rows;
  final Profiler profiler;
  private final Predictor predictor;
  private final Recommender recommender;

  private final Object[][] valueOf = new Object[FIELDS.length][];
  final int[] bandOfAge;
  final double[] rateOfFrequency;
  private final double[] amountPercentileOf;
  /** The features the derived score formulas read, as numbers per dictionary code. */
  private final Map<String, CodedNumbers> formulaInputs = new HashMap<>();

  private final Map<String, PercentileCut> cuts = new LinkedHashMap<>();
  private final PercentileCut high;
  private final PercentileCut notLow;
  private final PercentileCut raise;

  private final RuleCompiler.Coded[] termColumns;
  private final CodeSource[] termSource;
  private final double[][] contribution;
  /** p_active from the terms' contributions, named "0", "1", ... in term order ({@code LinearScore.logistic}). */
  private Formula activity;

  private final RuleCompiler onScored;
  /** Compiled by {@link #compileRecommendations}; null before. */
  private RowTest[] recommendationTests;
  private int[][] order;
  private Priority[][] priorityOf;
  private CodeSource[][] actionSources;
  private int[][] actionStrides;
  private int[][] actionOf;
  final List<String> actions = new ArrayList<>();

  private int categories;
  private int[] nextCategory;
  private double[] nextProbability;

  /** For batch scoring: the recommendation rules compiled with their action texts. */
  Scoring(Customers data, CustomerModel model) {
    this(data, model, null);
    compileRecommendations(true);
  }

  /**
   * @param joined the analysis's feature table, in the file's row order, from which the persona rules
   *     and traits take the columns the file does not hold (a joined log's {@code log_} features); null for none
   */
  Scoring(Customers data, CustomerModel model, Table joined) {
    this.data = data;
    this.rows = data.rows();
    this.predictor = model.predictor();
    this.recommender = model.recommender();
    for (Field field : FIELDS) {
      if (field != Field.CUSTOMER_ID) valueOf[field.ordinal()] = data.values(field).toArray();
    }
    Object[] ages = valueOf[Field.AGE.ordinal()];
    bandOfAge = new int[ages.length];
    for (int c = 0; c < ages.length; c++) bandOfAge[c] = Features.AGE_BANDS.indexOf(Features.ageBand((Integer) ages[c]));
    Object[] labels = valueOf[Field.FREQUENCY.ordinal()];
    rateOfFrequency = new double[labels.length];
    for (int c = 0; c < labels.length; c++) {
      rateOfFrequency[c] = Frequency.ofLabel((String) labels[c]).orElseThrow().purchasesPerYear();
    }
    amountPercentileOf = Features.amountPercentilesOfCodes(data);

    LinkedHashMap<String, RuleCompiler.Ref> features = featureColumns();
    Set<String> notInFile = FeatureTable.namedBy(model.rules(), model.traits());
    // A recommendation may test a joined log's column too; the scores it names are not in that table, so not laid out.
    notInFile.addAll(FeatureTable.namedBy(model.recommender()));
    notInFile.removeAll(features.keySet());
    if (joined != null && !notInFile.isEmpty()) {
      FeatureTable more = FeatureTable.of(joined, notInFile, data.codes().length);
      features.putAll(more.features());
      columns = Stream.concat(Arrays.stream(data.codes()), Arrays.stream(more.columns())).toArray(Codes[]::new);
    } else {
      columns = data.codes();
    }
    formulaInputs(features);
    profiler = new Profiler(rows, model.rules(), model.traits(), new RuleCompiler(features, cuts));
    List<String> personaNames = profiler.personaNames;

    LinkedHashMap<String, RuleCompiler.Ref> withPersona = new LinkedHashMap<>(features);
    withPersona.put("persona", new RuleCompiler.Coded(RuleCompiler.Kind.TEXT, CodeSource.PERSONA, personaNames.size(),
        personaNames::get));
    withPersona.put("traits", new RuleCompiler.PerRow(row -> profiler.traitLabel(profiler.traitMasks[row])));
    LinearScore score = predictor.activity();
    termColumns = new RuleCompiler.Coded[score.terms().size()];
    termSource = new CodeSource[termColumns.length];
    contribution = new double[termColumns.length][];
    for (int t = 0; t < termColumns.length; t++) {
      termColumns[t] = termColumn(score.terms().get(t), withPersona);
      termSource[t] = termColumns[t].source();
    }

    LinkedHashMap<String, RuleCompiler.Ref> scored = new LinkedHashMap<>(withPersona);
    scored.put("p_active", new RuleCompiler.Computed(Block.Value.P_ACTIVE));
    scored.put("churn_risk", new RuleCompiler.Computed(Block.Value.CHURN_RISK));
    scored.put("purchase_probability", new RuleCompiler.Computed(Block.Value.PURCHASE_PROBABILITY));
    scored.put("next_action", new RuleCompiler.Coded(RuleCompiler.Kind.TEXT, CodeSource.NEXT_ACTION, 3, ACTIONS::get));
    scored.put("current_value", new RuleCompiler.Computed(Block.Value.CURRENT_VALUE));
    scored.put("expected_annual_value", new RuleCompiler.Computed(Block.Value.EXPECTED_ANNUAL_VALUE));
    scored.put("clv", new RuleCompiler.Computed(Block.Value.CLV));
    scored.put("clv_percentile", new RuleCompiler.Percentile(Block.Value.CLV));
    scored.put("revenue_potential", new RuleCompiler.Coded(RuleCompiler.Kind.TEXT, CodeSource.REVENUE_POTENTIAL, 3,
        POTENTIALS::get));
    Object[] categoryNames = valueOf[Field.CATEGORY.ordinal()];
    scored.put("next_category", new RuleCompiler.Coded(RuleCompiler.Kind.TEXT, CodeSource.NEXT_CATEGORY,
        categoryNames.length, c -> categoryNames[c]));
    scored.put("next_category_probability", new RuleCompiler.Computed(Block.Value.NEXT_CATEGORY_PROBABILITY));
    scored.put("top_factors", new RuleCompiler.Unsupported(
        "batch scoring does not write top_factors, so rules cannot test it; use the other score columns"));
    for (String name : scored.keySet()) {
      if (withPersona.containsKey(name) && scored.get(name) != withPersona.get(name)) {
        throw ExtraColumn.clashesWithScore(data.source(), name);
      }
    }
    RuleCompiler onScored = new RuleCompiler(scored, cuts);
    high = onScored.cut(Block.Value.EXPECTED_ANNUAL_VALUE, Predictor.HIGH_POTENTIAL_FROM, PercentileCut.Kind.AT_LEAST);
    notLow = onScored.cut(Block.Value.EXPECTED_ANNUAL_VALUE, Predictor.LOW_POTENTIAL_BELOW, PercentileCut.Kind.AT_LEAST);
    raise = onScored.cut(Block.Value.CLV, recommender.raiseAtClvPercentile(), PercentileCut.Kind.AT_LEAST);

    this.onScored = onScored;
  }

  /**
   * Compiles the model's recommendation rules over the scored columns, for {@link #matchRecommendations};
   * with {@code actions}, also each rule's action texts and the priority orders {@link #recommend} needs.
   *
   * @throws WorkspaceException naming the rule this engine cannot compile (a Java predicate, a column
   *     it does not know, or with {@code actions} an action that names a number column)
   */
  void compileRecommendations(boolean actions) {
    List<RecommendationRule> recs = recommender.rules();
    RowTest[] tests = onScored.compile(recs);
    if (actions) {
      actionSources = new CodeSource[recs.size()][];
      actionStrides = new int[recs.size()][];
      actionOf = new int[recs.size()][];
      for (int r = 0; r < recs.size(); r++) {
        RecommendationRule rule = recs.get(r);
        int index = r;
        within("recommendation " + rule.action(), () -> {
          actionVariants(index, rule.action(), onScored);
          return null;
        });
      }
      order = new int[2][];
      priorityOf = new Priority[2][recs.size()];
      for (int raised = 0; raised < 2; raised++) {
        for (int r = 0; r < recs.size(); r++) {
          Priority base = recs.get(r).priority();
          priorityOf[raised][r] = raised == 1 && base != Priority.HIGH ? base.raised() : base;
        }
        Priority[] effective = priorityOf[raised];
        order[raised] = IntStream.range(0, recs.size()).boxed()
            .sorted(Comparator.comparing((Integer r) -> effective[r]).thenComparingInt(r -> r))
            .mapToInt(Integer::intValue).toArray();
      }
    }
    recommendationTests = tests;
  }

  /** The columns persona rules and traits see, in the order of {@code Features.of}. */
  private LinkedHashMap<String, RuleCompiler.Ref> featureColumns() {
    LinkedHashMap<String, RuleCompiler.Ref> columns = new LinkedHashMap<>();
    for (Field field : FIELDS) {
      if (field == Field.CUSTOMER_ID) {
        columns.put(field.key(), new RuleCompiler.PerRow(data.ids()::get));
        continue;
      }
      Object[] values = valueOf[field.ordinal()];
      RuleCompiler.Kind kind = switch (field.kind()) {
        case AGE, COUNT, MONEY, RATING -> RuleCompiler.Kind.NUMBER;
        case YES_NO -> RuleCompiler.Kind.FLAG;
        case ID, TEXT, FREQUENCY -> RuleCompiler.Kind.TEXT;
      };
      columns.put(field.key(), new RuleCompiler.Coded(kind, CodeSource.of(field), values.length, c -> values[c]));
    }
    columns.put(Features.AGE_BAND, new RuleCompiler.Coded(RuleCompiler.Kind.TEXT, CodeSource.AGE, bandOfAge.length,
        c -> Features.AGE_BANDS.get(bandOfAge[c])));
    columns.put(Features.PURCHASES_PER_YEAR, new RuleCompiler.Coded(RuleCompiler.Kind.NUMBER, CodeSource.of(Field.FREQUENCY),
        rateOfFrequency.length, c -> rateOfFrequency[c]));
    columns.put(Features.AMOUNT_PERCENTILE, new RuleCompiler.Coded(RuleCompiler.Kind.NUMBER,
        CodeSource.of(Field.PURCHASE_AMOUNT), amountPercentileOf.length, c -> amountPercentileOf[c]));
    List<ExtraColumn> extras = data.extras();
    for (int e = 0; e < extras.size(); e++) {
      Object[] values = data.values().get(FIELDS.length + e).toArray();
      RuleCompiler.Kind kind = switch (extras.get(e).kind()) {
        case NUMBER -> RuleCompiler.Kind.NUMBER;
        case YES_NO -> RuleCompiler.Kind.FLAG;
        case TEXT -> RuleCompiler.Kind.TEXT;
      };
      columns.put(extras.get(e).key(), new RuleCompiler.Coded(kind, CodeSource.column(FIELDS.length + e), values.length,
          c -> values[c]));
    }
    return columns;
  }

  /** A number or yes/no feature as numbers per dictionary code: yes 1, no 0, missing NaN. */
  private record CodedNumbers(CodeSource source, double[] valueOfCode) {}

  /** Each feature the model's derived scores read, checked as {@code Predictor} checks it. */
  private void formulaInputs(Map<String, RuleCompiler.Ref> features) {
    Set<String> computed = new HashSet<>(predictor.derivedScores().keySet());
    computed.add("p_active");
    for (var formula : predictor.derivedScores().values()) {
      for (String name : formula.features()) {
        if (computed.contains(name) || formulaInputs.containsKey(name)) continue;
        RuleCompiler.Ref ref = features.get(name);
        if (ref == null) {
          throw new WorkspaceException("score formula refers to unknown feature \"" + name + "\"; known: "
              + String.join(", ", features.keySet()));
        }
        if (!(ref instanceof RuleCompiler.Coded coded)
            || coded.kind() != RuleCompiler.Kind.NUMBER && coded.kind() != RuleCompiler.Kind.FLAG) {
          throw new WorkspaceException("score formula needs \"" + name + "\" to be a number or yes/no column");
        }
        double[] valueOfCode = new double[coded.cardinality()];
        for (int c = 0; c < valueOfCode.length; c++) {
          Object value = coded.value().apply(c);
          valueOfCode[c] = value == null ? Double.NaN
              : value instanceof Boolean yes ? (yes ? 1 : 0) : ((Number) value).doubleValue();
        }
        formulaInputs.put(name, new CodedNumbers(coded.source(), valueOfCode));
      }
    }
  }

  /** The coded column a score term reads, checked as {@code LinearScore} checks it. */
  private RuleCompiler.Coded termColumn(Term term, LinkedHashMap<String, RuleCompiler.Ref> columns) {
    RuleCompiler.Ref ref = columns.get(term.feature());
    if (ref == null) {
      throw new WorkspaceException("score term refers to unknown feature \"" + term.feature() + "\"; known: "
          + String.join(", ", columns.keySet()));
    }
    boolean flag = term.scale() == Term.Scale.FLAG;
    if (!(ref instanceof RuleCompiler.Coded coded) || coded.kind() != (flag ? RuleCompiler.Kind.FLAG : RuleCompiler.Kind.NUMBER)) {
      throw new WorkspaceException(flag ? "score term " + term.feature() + " is a FLAG and needs a yes/no column"
          : "score term " + term.feature() + " needs a numeric column");
    }
    return coded;
  }

  /**
   * The action texts of one recommendation for every combination of the columns its braces name,
   * filled by {@code Template.fill}. Only text and yes/no columns can be named: a number differs for
   * nearly every customer.
   */
  private void actionVariants(int rule, String action, RuleCompiler compiler) {
    Template template = Template.of(action);
    List<String> names = template.distinctColumns();
    List<RuleCompiler.Coded> coded = new ArrayList<>();
    for (String name : names) {
      if (!(compiler.column(name) instanceof RuleCompiler.Coded c) || c.kind() == RuleCompiler.Kind.NUMBER) {
        throw new WorkspaceException("the action \"" + action + "\" names {" + name + "}; batch scoring fills actions "
            + "from text and yes/no columns only");
      }
      coded.add(c);
    }
    int variants = 1;
    int[] strides = new int[coded.size()];
    for (int k = 0; k < coded.size(); k++) {
      strides[k] = variants;
      variants *= coded.get(k).cardinality();
      if (variants > MAX_ACTION_VARIANTS) {
        throw new WorkspaceException("the action \"" + action + "\" has more than " + MAX_ACTION_VARIANTS + " variants");
      }
    }
    Map<String, Integer> known = new HashMap<>();
    for (int i = 0; i < actions.size(); i++) known.put(actions.get(i), i);
    int[] ids = new int[variants];
    for (int v = 0; v < variants; v++) {
      int variant = v;
      String text = template.fill(name -> {
        int k = names.indexOf(name);
        return coded.get(k).value().apply(variant / strides[k] % coded.get(k).cardinality());
      });
      ids[v] = known.computeIfAbsent(text, t -> {
        actions.add(t);
        return actions.size() - 1;
      });
    }
    actionSources[rule] = coded.stream().map(RuleCompiler.Coded::source).toArray(CodeSource[]::new);
    actionStrides[rule] = strides;
    actionOf[rule] = ids;
  }

  // ---- per-block evaluation -------------------------------------------------------------------

  void fieldCodes(int field, int from, int size, int[] out) {
    Block.read(data.codes()[field], from, size, out);
  }

  /** {@code Predictor.score}'s per-customer numbers: p_active from the coded terms, then the model's derived scores. */
  void predict(Block block, double[] p, double[] churn, double[] purchase, double[] current, double[] annual, double[] clv) {
    int n = block.size();
    int[][] termCodes = new int[termSource.length][];
    for (int t = 0; t < termSource.length; t++) termCodes[t] = block.codes(termSource[t]);
    IntToDoubleFunction pActive = activity.compile(new JavaArithmetic(name -> {
      int t = Integer.parseInt(name);
      double[] share = contribution[t];
      int[] codes = termCodes[t];
      return i -> share[codes[i]];
    }));
    for (int i = 0; i < n; i++) p[i] = pActive.applyAsDouble(i);
    Map<String, double[]> derived = predictor.derive(n, name -> {
      if (name.equals("p_active")) return i -> p[i];
      CodedNumbers input = formulaInputs.get(name);
      int[] codes = block.codes(input.source());
      double[] valueOfCode = input.valueOfCode();
      return i -> valueOfCode[codes[i]];
    });
    System.arraycopy(derived.get("churn_risk"), 0, churn, 0, n);
    System.arraycopy(derived.get("purchase_probability"), 0, purchase, 0, n);
    System.arraycopy(derived.get("current_value"), 0, current, 0, n);
    System.arraycopy(derived.get("expected_annual_value"), 0, annual, 0, n);
    System.arraycopy(derived.get("clv"), 0, clv, 0, n);
  }

  /** Next category and its probability, next action and revenue potential of each row of the block. */
  void shift(Block block, int[] next, double[] probability, int[] action, int[] potential) {
    int n = block.size();
    int[] age = block.codes(CodeSource.AGE);
    int[] category = block.codes(CodeSource.CATEGORY);
    double[] churn = block.values(Block.Value.CHURN_RISK);
    double[] purchase = block.values(Block.Value.PURCHASE_PROBABILITY);
    double[] annual = block.values(Block.Value.EXPECTED_ANNUAL_VALUE);
    double highFrom = high.threshold();
    double mediumFrom = notLow.threshold();
    int from = block.from();
    int bands = Features.AGE_BANDS.size();
    for (int i = 0; i < n; i++) {
      int cell = ((profiler.persona[from + i] & 0xFF) * bands + bandOfAge[age[i]]) * categories + category[i];
      next[i] = nextCategory[cell];
      probability[i] = nextProbability[cell];
      action[i] = Predictor.nextAction(churn[i], purchase[i]);
      potential[i] = annual[i] >= highFrom ? 0 : annual[i] >= mediumFrom ? 1 : 2;
    }
  }

  // ---- passes ---------------------------------------------------------------------------------

  /** Means and standard deviations of the score terms over the base, as {@code LinearScore.scaling}, in row order. */
  void scale() {
    LinearScore score = predictor.activity();
    int terms = termSource.length;
    double[][] valueOfCode = new double[terms][];
    double[] sum = new double[terms];
    double[] squares = new double[terms];
    long[] count = new long[terms];
    for (int t = 0; t < terms; t++) {
      Term term = score.terms().get(t);
      RuleCompiler.Coded column = termColumns[t];
      valueOfCode[t] = new double[column.cardinality()];
      for (int c = 0; c < valueOfCode[t].length; c++) {
        Object value = column.value().apply(c);
        valueOfCode[t][c] = value == null ? Double.NaN : value instanceof Boolean yes ? (yes ? 1 : 0)
            : ((Number) value).doubleValue();
      }
      if (term.scale() == Term.Scale.FLAG) continue;
      double[] x = new double[valueOfCode[t].length];
      for (int c = 0; c < x.length; c++) x[c] = term.input(valueOfCode[t][c]);
      int field = termSource[t].column();
      int[] codes = new int[Block.SIZE];
      for (int from = 0; from < rows; from += Block.SIZE) {
        int size = Math.min(Block.SIZE, rows - from);
        fieldCodes(field, from, size, codes);
        for (int i = 0; i < size; i++) {
          double v = x[codes[i]];
          if (Double.isNaN(v)) continue;
          sum[t] += v;
          squares[t] += v * v;
          count[t]++;
        }
      }
    }
    LinearScore.Scaling scaling = LinearScore.Scaling.of(score.terms(), sum, squares, count);
    // Each term reads one coded feature, so its share of the log-odds is computed once per code.
    for (int t = 0; t < terms; t++) {
      double[] values = valueOfCode[t];
      IntToDoubleFunction share = score.term(t, scaling).compile(new JavaArithmetic(name -> code -> values[code]));
      contribution[t] = new double[values.length];
      for (int c = 0; c < values.length; c++) contribution[t][c] = share.applyAsDouble(c);
    }
    List<Formula> shares = new ArrayList<>();
    for (int t = 0; t < terms; t++) shares.add(Formula.feature(Integer.toString(t)));
    activity = score.logistic(shares);
  }

  /**
   * First pass over a block: persona and traits ({@link Profiler#assign}), and the block's expected annual
   * values and lifetime values into {@code annual} and {@code clv} as bit patterns, for sorting; counts customers per persona,
   * age band and category into {@code cells}.
   */
  void classify(Block block, long[] annual, long[] clv, int[] cells, int categoryCount) {
    profiler.assign(block);
    int n = block.size();
    int from = block.from();
    double[] annualValues = block.values(Block.Value.EXPECTED_ANNUAL_VALUE);
    double[] clvValues = block.values(Block.Value.CLV);
    for (int i = 0; i < n; i++) {
      annual[from + i] = Double.doubleToRawLongBits(annualValues[i]);
      clv[from + i] = Double.doubleToRawLongBits(clvValues[i]);
    }
    int[] age = block.codes(CodeSource.AGE);
    int[] category = block.codes(CodeSource.CATEGORY);
    int bands = Features.AGE_BANDS.size();
    for (int i = 0; i < n; i++) {
      cells[((profiler.persona[from + i] & 0xFF) * bands + bandOfAge[age[i]]) * categoryCount + category[i]]++;
    }
  }

  /** contributions[t][row]: each score term's share of the log-odds, as {@code LinearScore.contributions} gives it. */
  double[][] contributions() {
    double[][] out = new double[contribution.length][rows];
    int[] codes = new int[Block.SIZE];
    for (int t = 0; t < out.length; t++) {
      int column = termSource[t].column();
      double[] share = contribution[t];
      for (int from = 0; from < rows; from += Block.SIZE) {
        int size = Math.min(Block.SIZE, rows - from);
        fieldCodes(column, from, size, codes);
        for (int i = 0; i < size; i++) out[t][from + i] = share[codes[i]];
      }
    }
    return out;
  }

  /**
   * The category shift from the counts per persona, age band and category, by the model's own
   * {@code Predictor.nextCategories}: only the counts are this engine's work.
   */
  private void learnShift(int[] cells, int categoryCount) {
    categories = categoryCount;
    Object[] categoryNames = valueOf[Field.CATEGORY.ordinal()];
    List<String> bands = Features.AGE_BANDS;
    Map<List<String>, Long> counts = new HashMap<>();
    List<String> personaNames = profiler.personaNames;
    for (int cell = 0; cell < cells.length; cell++) {
      if (cells[cell] == 0) continue;
      int persona = cell / categoryCount / bands.size();
      int band = cell / categoryCount % bands.size();
      counts.put(List.of(personaNames.get(persona), bands.get(band), (String) categoryNames[cell % categoryCount]),
          (long) cells[cell]);
    }
    Map<Object, Integer> categoryCode = new HashMap<>();
    for (int c = 0; c < categoryCount; c++) categoryCode.putIfAbsent(categoryNames[c], c);
    nextCategory = new int[cells.length];
    nextProbability = new double[cells.length];
    for (NextCategory next : predictor.nextCategories(counts)) {
      int cell = (personaNames.indexOf(next.persona()) * bands.size() + bands.indexOf(next.ageBand())) * categoryCount
          + categoryCode.get(next.category());
      nextCategory[cell] = categoryCode.get(next.nextCategory());
      nextProbability[cell] = next.probability();
    }
  }

  /**
   * After the first pass ({@link #classify}) over the whole base: every percentile cut resolved on
   * the base's expected annual values and lifetime values, sorted ({@code ValueOrder.sort}), and
   * the category shift learnt from the counted cells. Rules on the scores can then be evaluated.
   */
  void resolve(long[] sortedAnnual, long[] sortedClv, int[] cells, int categoryCount) {
    for (PercentileCut cut : cuts.values()) cut.resolve(cut.of() == Block.Value.CLV ? sortedClv : sortedAnnual);
    learnShift(cells, categoryCount);
  }

  /** Whether each recommendation rule holds for each row of the block: {@code matches[rule][i]}. */
  void matchRecommendations(Block block, boolean[][] matches) {
    for (int r = 0; r < recommendationTests.length; r++) recommendationTests[r].eval(block, matches[r]);
  }

  /** Second pass: the most urgent recommendation of each row of the block, as rule index (or -1) and action id. */
  void recommend(Block block, int[] rule, int[] action, boolean[] raised, boolean[][] matches) {
    int n = block.size();
    matchRecommendations(block, matches);
    double[] clv = block.values(Block.Value.CLV);
    double raiseFrom = raise.threshold();
    for (int i = 0; i < n; i++) {
      boolean up = clv[i] >= raiseFrom;
      raised[i] = up;
      int chosen = -1;
      for (int r : order[up ? 1 : 0]) {
        if (matches[r][i]) {
          chosen = r;
          break;
        }
      }
      rule[i] = chosen;
    }
    for (int r = 0; r < recommendationTests.length; r++) {
      CodeSource[] sources = actionSources[r];
      int[][] codes = new int[sources.length][];
      for (int k = 0; k < sources.length; k++) codes[k] = block.codes(sources[k]);
      for (int i = 0; i < n; i++) {
        if (rule[i] != r) continue;
        int variant = 0;
        for (int k = 0; k < sources.length; k++) variant += codes[k][i] * actionStrides[r][k];
        action[i] = actionOf[r][variant];
      }
    }
  }

  int recommendationCount() {
    return recommendationTests.length;
  }

  Priority priority(int rule, boolean raised) {
    return priorityOf[raised ? 1 : 0][rule];
  }

  IntFunction<Object> values(Field field) {
    Object[] values = valueOf[field.ordinal()];
    return c -> values[c];
  }
}
