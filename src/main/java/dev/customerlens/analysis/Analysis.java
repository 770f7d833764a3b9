package dev.customerlens.analysis;

import dev.customerlens.clv.CustomerForecast;
import dev.customerlens.clv.Evaluation;
import dev.customerlens.clv.LogScore;
import dev.customerlens.clv.RepeatPurchaseModel;
import dev.customerlens.data.AuditFinding;
import dev.customerlens.data.AuditReport;
import dev.customerlens.data.Cells;
import dev.customerlens.data.Dataset;
import dev.customerlens.data.ExtraColumn;
import dev.customerlens.data.Features;
import dev.customerlens.data.Field;
import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.events.ActivityHeatmap;
import dev.customerlens.events.CustomerFeatures;
import dev.customerlens.events.EventLog;
import dev.customerlens.events.Funnel;
import dev.customerlens.model.CustomerModel;
import dev.customerlens.model.ProfileEngine;
import dev.customerlens.persona.Persona;
import dev.customerlens.persona.PersonaRule;
import dev.customerlens.persona.PersonaRules;
import dev.customerlens.persona.PersonaSummary;
import dev.customerlens.persona.Traits;
import dev.customerlens.predict.Factor;
import dev.customerlens.predict.Predictor;
import dev.customerlens.recommend.Priority;
import dev.customerlens.recommend.Recommendation;
import dev.customerlens.recommend.Recommender;
import dev.customerlens.timeline.Drift;
import dev.customerlens.timeline.Migration;
import dev.customerlens.timeline.Stability;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.selection.Selection;

/**
 * One analysis of one customer table with one set of rules: features, personas, traits, scores and
 * recommendations, computed once when it is built. Immutable; change the rules by building another.
 */
public final class Analysis implements HasAnalysis {
  static final String NO_TIMESTAMPS = "this input has no timestamps: the customer table holds one profile row per "
      + "customer, so activity over time needs an event or transaction log";

  private final Dataset dataset;
  private final PersonaRules rules;
  private final Traits traits;
  private final Predictor predictor;
  private final Recommender recommender;
  private final Table scored;
  private final Map<String, Integer> rowOfId;
  private final Map<String, Column<?>> columnByName;
  /** Each persona's rule as text, written once: a customer's analysis shows the rule that matched. */
  private final Map<String, String> ruleTextOf;
  private Table recommendations;
  private Table plan;
  private Table personas;
  /** The persona summary's lines where the engine counted them; laid out as a table when first asked for. */
  private List<PersonaSummary.Line> summaryLines;
  private Recommender.Applied applied;
  /** Each recommendation rule's matches where the engine found them; null where the rules are applied here. */
  private List<Selection> recommendationMatches;
  private Map<String, Map<String, Double>> peerCategoryMixes;
  private final EventInsights events;
  private double[][] contributions;
  private Map<String, String> formulas;
  private IntFunction<List<Factor>> factorsOfRow;
  private final ProfileEngine engine;

  /** A copy with other event insights; everything computed from the customer table is shared. */
  private Analysis(Analysis base, EventInsights events) {
    this.dataset = base.dataset;
    this.rules = base.rules;
    this.traits = base.traits;
    this.predictor = base.predictor;
    this.recommender = base.recommender;
    this.scored = base.scored;
    this.rowOfId = base.rowOfId;
    this.columnByName = base.columnByName;
    this.ruleTextOf = base.ruleTextOf;
    this.recommendations = base.recommendations();
    this.applied = base.applied;
    this.plan = base.plan;
    this.personas = base.personas;
    this.summaryLines = base.summaryLines;
    this.contributions = base.contributions();
    this.engine = base.engine;
    this.events = events;
  }

  /**
   * This analysis with more events appended to its log (live events): the customers' time-based
   * views and forecasts change at once, without recomputing what the customer table decides.
   */
  public Analysis withMoreEvents(EventLog more) {
    if (events == null) throw new IllegalStateException("no event log was loaded to append to");
    return new Analysis(this, events.append(more));
  }

  /** {@code events} may be null: the table alone, with every time-based output marked unavailable. */
  public Analysis(Dataset dataset, PersonaRules rules, Traits traits, Predictor predictor, Recommender recommender,
      EventLog events) {
    this(dataset, rules, traits, predictor, recommender, events, ProfileEngine.TABLESAW);
  }

  /**
   * With {@code engine} computing personas, traits and score terms where it can: a customer table
   * with no column missing (joined with a log or not), or a log's derived features; otherwise the
   * Tablesaw evaluation. Every analysis made
   * from this one ({@code with...}, {@link #asOf}) keeps the engine.
   */
  public Analysis(Dataset dataset, PersonaRules rules, Traits traits, Predictor predictor, Recommender recommender,
      EventLog events, ProfileEngine engine) {
    this.engine = engine;
    if (dataset.isDerived() && events == null) {
      throw new IllegalArgumentException(dataset.source() + " was derived from a log: its analysis needs that log");
    }
    this.events = events == null ? null : new EventInsights(events, dataset, predictor);
    this.rules = rules;
    this.traits = traits;
    this.predictor = predictor;
    this.recommender = recommender;
    Table table = Features.of(dataset);
    if (events != null && !dataset.isDerived()) dataset = dataset.withNotes(LogJoin.join(table, dataset.source(), events));
    this.dataset = dataset;
    Set<String> unavailable = dataset.unavailableFeatures();
    Optional<ProfileEngine.Profiles> profiles = !unavailable.isEmpty() ? Optional.empty()
        : engine.profile(dataset, table, new CustomerModel(rules, traits, predictor, recommender));
    ProfileEngine.Scores scores = null;
    if (profiles.isPresent()) {
      table.addColumns(profiles.get().personas(), profiles.get().traits());
      this.summaryLines = profiles.get().summary();
      this.contributions = profiles.get().contributions();
      this.recommendationMatches = profiles.get().recommendations();
      scores = profiles.get().scores();
    } else {
      table.addColumns(rules.assign(table, unavailable), traits.without(unavailable).describe(table));
    }
    Table predictions = dataset.isDerived()
        ? LogScores.score(table, this.events.log(), this.events.forecastFit(), this.events.chosenForecasts(),
            predictor)
        : contributions != null ? predictor.scoreColumns(table, contributions, scores.pActive(), scores.derived(),
            scores.columns())
        : predictor.score(table);
    for (int c = 0; c < predictions.columnCount(); c++) {
      String name = predictions.column(c).name();
      if (name.equals(Field.CUSTOMER_ID.key())) continue;
      if (table.containsColumn(name)) throw ExtraColumn.clashesWithScore(dataset.source(), name);
      table.addColumns(predictions.column(c));
    }
    this.scored = table.setName("customers");
    StringColumn ids = scored.stringColumn(Field.CUSTOMER_ID.key());
    Map<String, Integer> index = new HashMap<>(ids.size() * 2);
    for (int i = 0; i < ids.size(); i++) index.put(ids.get(i), i);
    this.rowOfId = index;
    Map<String, Column<?>> byName = new HashMap<>();
    for (Column<?> column : scored.columns()) byName.put(column.name(), column);
    this.columnByName = byName;
    Map<String, String> ruleText = new HashMap<>();
    for (PersonaRule rule : rules.rules()) ruleText.putIfAbsent(rule.name(), rule.when().toString());
    this.ruleTextOf = ruleText;
  }

  /** This analysis itself, so charts and reports take it as they take the notebook's façade. */
  @Override
  public Analysis analysis() {
    return this;
  }

  public Dataset dataset() {
    return dataset;
  }

  public PersonaRules rules() {
    return rules;
  }

  public Analysis withRules(PersonaRules rules) {
    return new Analysis(dataset, rules, traits, predictor, recommender, eventLog(), engine);
  }

  public Analysis withTraits(Traits traits) {
    return new Analysis(dataset, rules, traits, predictor, recommender, eventLog(), engine);
  }

  public Analysis withPredictor(Predictor predictor) {
    return new Analysis(dataset, rules, traits, predictor, recommender, eventLog(), engine);
  }

  public Analysis withRecommender(Recommender recommender) {
    return new Analysis(dataset, rules, traits, predictor, recommender, eventLog(), engine);
  }

  /** The same analysis with an event log, or without one when {@code log} is null. */
  public Analysis withEvents(EventLog log) {
    return new Analysis(dataset, rules, traits, predictor, recommender, log, engine);
  }

  /**
   * This analysis as it would have been at the end of {@code date}: the log cut there
   * ({@link EventLog#until}), and for a log's own customers their features, personas, scores and
   * recommendations derived again from the cut log. A customer table's columns carry no dates, so
   * beside a table only the log's part moves back in time.
   */
  public Analysis asOf(LocalDate date) {
    if (events == null) throw new WorkspaceException("an analysis as of a date needs an event log: " + NO_TIMESTAMPS);
    EventLog cut = events.log().until(date);
    Dataset customers = dataset.isDerived() ? CustomerFeatures.dataset(cut, dataset.sha256()) : dataset;
    return new Analysis(customers, rules, traits, predictor, recommender, cut, engine);
  }

  /** Who moved between personas from the end of {@code from} to the end of {@code to} ({@link Migration}). */
  public Migration migration(LocalDate from, LocalDate to) {
    return Migration.of(logOfItsOwnCustomers("a migration"), from, to, rules, predictor, engine);
  }

  /** Persona shares with 95% bootstrap intervals (200 seeded resamples) and weekly persistence, as of the log's last day. */
  public Stability stability() {
    EventLog log = logOfItsOwnCustomers("stability");
    return Stability.of(log, log.lastDate(), rules, engine, Stability.DEFAULT_RESAMPLES, Stability.DEFAULT_SEED);
  }

  /** The {@code days} ending on {@code to} against the {@code days} ending on {@code from} ({@link Drift}). */
  public Drift drift(LocalDate from, LocalDate to, int days) {
    return Drift.of(logOfItsOwnCustomers("drift"), from, to, days, predictor);
  }

  private EventLog logOfItsOwnCustomers(String what) {
    if (!dataset.isDerived()) {
      throw new WorkspaceException(what + " follows a log's customers over time: load the log alone with "
          + "CustomerAnalytics.fromLog (a customer table's rows carry no dates)");
    }
    return events.log();
  }

  private EventLog eventLog() {
    return events == null ? null : events.log();
  }

  /** The event log and what it adds, if one was loaded. */
  public Optional<EventInsights> events() {
    return Optional.ofNullable(events);
  }

  public Traits traits() {
    return traits;
  }

  public Predictor predictor() {
    return predictor;
  }

  public Recommender recommender() {
    return recommender;
  }

  /** Every customer with features, persona, traits and scores; shared, so treat it as read-only. */
  public Table scored() {
    return scored;
  }

  /**
   * The persona summary, counted once per analysis (by the engine, with the personas, where it
   * evaluated them); each call returns a copy the caller may change.
   */
  public synchronized Table personas() {
    if (personas == null) {
      personas = summaryLines != null ? PersonaSummary.table(summaryLines)
          : PersonaSummary.of(scored, rules, dataset.unavailableFeatures());
    }
    return personas.copy();
  }

  /**
   * One row per customer and recommendation, most urgent and most valuable first. Computed on first
   * use and kept, since exports, the API and customer look-ups use it too; treat it as read-only.
   */
  public synchronized Table recommendations() {
    if (recommendations == null) recommendations = applied().forCustomers();
    return recommendations;
  }

  /**
   * The recommendation rules, without those that need a column the table lacks, with their matches
   * in the scored table, found by the engine (with the profiles, or over the scored table's columns)
   * where it compiles the rules: found once, for the list, the tallies, the plan and every customer's look-up.
   */
  private synchronized Recommender.Applied applied() {
    if (applied == null) {
      // The engine profiles a table only when no column is missing, so those matches are for every rule.
      Recommender available = recommender.without(dataset.unavailableFeatures());
      List<Selection> matches = recommendationMatches != null ? recommendationMatches
          : engine.recommendationMatches(scored, available).orElse(null);
      applied = matches != null ? available.apply(scored, matches) : available.apply(scored);
    }
    return applied;
  }

  /**
   * How many rows of {@link #recommendations()} have each priority and type ({@code [priority][type]},
   * by ordinal), counted without making their texts: a chart of a million customers' priorities
   * need not write two million action texts.
   */
  public int[][] recommendationCounts() {
    return applied().counts();
  }

  /** Each customer's most urgent recommendation's priority, in {@link #scored()} order; null where none applies. */
  public Priority[] topPriorities() {
    return applied().topPriorities();
  }

  /**
   * The scored customers in {@code lens score}'s layout ({@code scores.csv}): customer_id, persona,
   * traits, purchase_pct and churn_pct (the probabilities in percent), revenue_potential, clv, and
   * the priority and action of the customer's most urgent recommendation (blank when none applies).
   * A log's customers also get their forecasts: p_active (missing where the fit has no dropout
   * signal), expected purchases and spend over the churn horizon, and the model that made them.
   */
  public Table scores() {
    Map<String, Integer> first = new HashMap<>();
    StringColumn ids = recommendations().stringColumn("customer_id");
    for (int r = 0; r < ids.size(); r++) first.putIfAbsent(ids.get(r), r);
    StringColumn priority = StringColumn.create("priority");
    StringColumn action = StringColumn.create("recommendation");
    for (String id : scored.stringColumn("customer_id")) {
      Integer r = first.get(id);
      priority.append(r == null ? "" : recommendations().stringColumn("priority").get(r));
      action.append(r == null ? "" : recommendations().stringColumn("action").get(r));
    }
    Table scores = Table.create("scores", scored.stringColumn("customer_id"), scored.stringColumn("persona"),
        scored.stringColumn("traits"), percent(scored.doubleColumn("purchase_probability"), "purchase_pct"),
        percent(scored.doubleColumn("churn_risk"), "churn_pct"), scored.stringColumn("revenue_potential"),
        scored.doubleColumn("clv"), priority, action);
    if (fromLog()) {
      for (String forecast : LogScore.FORECAST_COLUMNS) scores.addColumns(scored.column(forecast));
    }
    return scores;
  }

  private static DoubleColumn percent(DoubleColumn probability, String name) {
    return probability.multiply(100).setName(name);
  }

  /**
   * Every recommendation for one customer, most urgent first, as their rows of
   * {@link #recommendations()} say; rules that need a missing column are left out. Found by lookup
   * in the rules' matches, which the first call finds over the whole base without making any text.
   */
  public List<Recommendation> recommendations(String customerId) {
    return applied().forCustomer(row(customerId));
  }

  /**
   * Each score term's share of every customer's log-odds. Computed on first use and kept: without it,
   * explaining one customer rescans the whole base, and the API explains thousands of customers.
   */
  private synchronized double[][] contributions() {
    // A log's customers are scored by the repeat-purchase model, which has no linear terms to split.
    if (contributions == null && !dataset.isDerived()) {
      contributions = predictor.activity().contributions(scored, predictor.activity().scaling(scored));
    }
    return contributions;
  }

  private synchronized IntFunction<List<Factor>> factorsOfRow() {
    if (factorsOfRow == null) factorsOfRow = predictor.factors(scored, contributions(), dataset.unavailableFeatures());
    return factorsOfRow;
  }

  /** Whether the customers were derived from a log (scored by its repeat-purchase model) or read from a table. */
  public boolean fromLog() {
    return dataset.isDerived();
  }

  /** How each score was computed, for the model that actually ran. */
  public synchronized Map<String, String> formulas() {
    if (formulas == null) {
      formulas = dataset.isDerived() ? LogScores.formulas(events.forecastFit(), events.chosenForecasts(), predictor)
          : formulasHere();
    }
    return formulas;
  }

  /** "modelled", or "evaluated" when the scores of a log's customers were checked on the log's holdout. */
  public String basis() {
    return dataset.isDerived() && events.evaluation().isPresent() ? "evaluated" : Predictor.BASIS;
  }

  /**
   * Which segments to target with what, and how many customers and how much value each covers.
   * Counted from the list when it exists, else straight from the rules' matches without building
   * the list (millions of rows for a large base); the two give the same table. Kept once made.
   */
  public synchronized Table plan() {
    if (plan == null) {
      plan = recommendations != null ? recommender.plan(recommendations, scored.rowCount()) : applied().plan();
    }
    return plan.copy();
  }

  public int row(String customerId) {
    Integer row = rowOfId.get(customerId == null ? "" : customerId.strip());
    if (row == null) throw new UnknownCustomerException(customerId, dataset.source(), scored.rowCount());
    return row;
  }

  public CustomerAnalysis customer(String customerId) {
    int row = row(customerId);
    String personaName = text("persona", row);
    Persona persona = rules.personas().stream().filter(p -> p.name().equals(personaName)).findFirst().orElseThrow();
    String matched = ruleTextOf.getOrDefault(personaName, "none of the rules matched: fallback persona");
    String traits = text("traits", row);

    var personaView = new CustomerAnalysis.PersonaView(persona.name(), persona.description(),
        traits.isEmpty() ? List.of() : List.of(traits.split(Traits.SEPARATOR)), persona.traits(), matched);
    String id = text(Field.CUSTOMER_ID.key(), row);
    EventLog own = events == null ? null : events.log().customer(id);
    String trend = own == null ? "unavailable" : activityTrend(own);
    var summary = new CustomerAnalysis.BehaviorSummary(
        topCategories(row), priceRange(num("amount", row)),
        trend, own == null ? NO_TIMESTAMPS : ACTIVITY_TREND_RULE, engagement(row),
        dataset.isDerived() ? LOG_ENGAGEMENT_RULE : ENGAGEMENT_RULE);
    var shift = new CustomerAnalysis.CategoryShiftView(text("next_category", row),
        percent(num("next_category_probability", row)),
        "share of customers with the same persona and age band who bought it (smoothed toward the persona's mix)");
    var predictions = new CustomerAnalysis.PredictiveAnalytics(
        text("next_action", row),
        percent(num("purchase_probability", row)), percent(num("churn_risk", row)),
        text("revenue_potential", row), shift, predictor.horizonDays(),
        basis(), basisNote(), factors(row), formulas(),
        repeatPurchase(id), events == null ? List.of() : events.evaluation().map(Evaluation::scores).orElse(List.of()));
    var visuals = new CustomerAnalysis.VisualData(
        CustomerAnalysis.Visual.available(dataset.isDerived()
            ? "category mix of the customers sharing this customer's persona, by their top category (theirs: "
                + text("top_categories", row) + ")"
            : "category mix of the customers sharing this customer's persona and age band; this table records one "
                + "purchase per customer (theirs: " + text(Field.CATEGORY, row) + ", " + text(Field.ITEM_PURCHASED, row) + ")",
            peerCategoryMix(row)),
        heatmap(own), interestTrend(own), funnel(own),
        new CustomerAnalysis.LifetimeValue(money(num("current_value", row)), money(num("clv", row)),
            predictor.clvYears(), 100 * predictor.discountRate(), money(num("expected_annual_value", row)),
            Predictor.BASIS, formulas().get("clv")));
    var recommendations = recommendations(id).stream()
        .map(CustomerAnalysis.RecommendationView::of).toList();
    var basis = events == null
        ? new CustomerAnalysis.DataBasis(dataset.source(), false, false,
            "one profile row per customer, no timestamps and no outcomes: scores are modelled, not evaluated")
        : dataset.isDerived()
        ? new CustomerAnalysis.DataBasis(dataset.source(), true, events.evaluation().isPresent(),
            "customers and their features derived from the log by stated rules; scores from a repeat-purchase model "
                + "fitted to the log, checked on a holdout at its end where the log is long enough")
        : new CustomerAnalysis.DataBasis(dataset.source() + " with " + events.log().source(), true,
            events.evaluation().isPresent(), "profile scores are modelled from the customer table; the event log "
                + "gives activity over time, a repeat-purchase model, and a holdout on which both are evaluated");
    return new CustomerAnalysis(id, personaView, summary, predictions, visuals, recommendations, basis);
  }

  public BaseSummary summary() {
    Table personas = personas();
    List<BaseSummary.PersonaShare> shares = new ArrayList<>();
    for (int i = 0; i < personas.rowCount(); i++) {
      shares.add(new BaseSummary.PersonaShare(personas.stringColumn("persona").get(i),
          personas.intColumn("customers").getInt(i), personas.doubleColumn("share_pct").getDouble(i),
          zeroIfMissing(personas.doubleColumn("avg_amount").getDouble(i)),
          zeroIfMissing(personas.doubleColumn("avg_purchases_per_year").getDouble(i))));
    }
    Table plan = plan();
    List<BaseSummary.PlanLine> top = new ArrayList<>();
    for (int i = 0; i < Math.min(8, plan.rowCount()); i++) {
      top.add(new BaseSummary.PlanLine(plan.stringColumn("segment").get(i), plan.stringColumn("type").get(i),
          plan.stringColumn("action").get(i), plan.stringColumn("top_priority").get(i),
          plan.intColumn("customers").getInt(i), plan.doubleColumn("value_covered").getDouble(i)));
    }
    return new BaseSummary(dataset.source(), scored.rowCount(), dataset.skipped().size(), shares,
        counts("next_action", List.of("Purchase", "Browse", "Churn Risk")),
        counts("revenue_potential", List.of("High", "Medium", "Low")),
        percent(mean("churn_risk")), percent(mean("purchase_probability")),
        money(sum("current_value")), money(sum("clv")), top, basisNote(), dataset.isDerived()
            ? "from the repeat-purchase model fitted to the log, " + basis()
            // The profile scores are modelled whatever else is loaded; the note says whether a log evaluated them.
            : "modelled from the customer table");
  }

  /** The inputs behind a customer's scores, strongest first for the profile score. */
  private List<CustomerAnalysis.FactorView> factors(int row) {
    if (!dataset.isDerived()) {
      return factorsOfRow().apply(row).stream().map(CustomerAnalysis.FactorView::of).toList();
    }
    if (num("orders", row) == 0) return List.of();
    return List.of(
        CustomerAnalysis.FactorView.input("purchase days", String.valueOf((long) num("purchase_days", row)),
            "more purchase days raise the rate the BG/NBD expects of this customer"),
        CustomerAnalysis.FactorView.input("days since last purchase", String.valueOf((long) num("recency_days", row)),
            "a long silence for a customer who used to buy often lowers the chance they are still active"),
        CustomerAnalysis.FactorView.input("days since first purchase", String.valueOf((long) num("tenure_days", row)),
            "the time the customer has had to buy: few purchases over a long time mean a low rate"),
        CustomerAnalysis.FactorView.input("mean order value", String.format(Locale.ROOT, "%.2f", num("amount", row)),
            "with the other customers' spend, sets the expected spend per purchase (Gamma-Gamma)"));
  }

  /** The profile scores' basis, and how they and the repeat-purchase model did where a log can tell. */
  private String basisNote() {
    if (dataset.isDerived()) {
      String fitted = "churn risk and value from " + events.chosenForecasts().model() + ", the forecast chosen on an "
          + "inner validation of " + events.log().source();
      return events.evaluation().map(e -> fitted + "; on the log's last " + e.holdoutDays() + " days, refitted "
          + "without them: " + String.join(", ", e.scores().stream().filter(c -> c.auc() != null)
              .map(c -> c.name() + " AUC " + String.format(Locale.ROOT, "%.3f", c.auc())).toList())
          + (e.spend() == null ? "" : String.format(Locale.ROOT, "; holdout spend forecast %+.1f%%", e.spend().errorPercent()))
          + " (lens evaluate for the full report)")
          .orElse(fitted + "; modelled, not evaluated: " + events.evaluationUnavailable());
    }
    if (events == null) return Predictor.BASIS_NOTE;
    return events.evaluation().map(e -> Predictor.BASIS_NOTE + ". The event log supplies outcomes: on its last "
        + e.holdoutDays() + " days: " + String.join(", ", e.scores().stream().filter(c -> c.auc() != null)
            .map(c -> c.name() + " AUC " + String.format(Locale.ROOT, "%.3f", c.auc())).toList())
        + " (lens evaluate for the full report)")
        .orElse(Predictor.BASIS_NOTE + ". Not evaluated on the event log: " + events.evaluationUnavailable());
  }

  static final String ACTIVITY_TREND_RULE = "events in the last 30 days of the log against the 30 days before: "
      + "increasing above 1.2 times, decreasing below 0.8 times, else stable; inactive with none in either";

  private String activityTrend(EventLog own) {
    if (own.rowCount() == 0) return "inactive";
    LocalDate asOf = events.asOf();
    int recent = 0;
    int before = 0;
    var times = own.table().dateTimeColumn(EventLog.TIMESTAMP);
    for (int i = 0; i < times.size(); i++) {
      LocalDate day = times.get(i).toLocalDate();
      if (day.isAfter(asOf.minusDays(30)) && !day.isAfter(asOf)) recent++;
      else if (day.isAfter(asOf.minusDays(60)) && !day.isAfter(asOf.minusDays(30))) before++;
    }
    if (recent == 0 && before == 0) return "inactive";
    if (recent > 1.2 * before) return "increasing";
    if (recent < 0.8 * before) return "decreasing";
    return "stable";
  }

  private CustomerAnalysis.Visual heatmap(EventLog own) {
    if (own == null) return CustomerAnalysis.Visual.unavailable(NO_TIMESTAMPS);
    if (own.rowCount() == 0) return CustomerAnalysis.Visual.unavailable(NO_EVENTS);
    ActivityHeatmap heatmap = own.activityHeatmap();
    return heatmap.available()
        ? CustomerAnalysis.Visual.available("this customer's events in " + events.log().source(), heatmap)
        : CustomerAnalysis.Visual.unavailable(heatmap.reason());
  }

  private CustomerAnalysis.Visual interestTrend(EventLog own) {
    if (own == null) return CustomerAnalysis.Visual.unavailable(NO_TIMESTAMPS);
    if (own.rowCount() == 0) return CustomerAnalysis.Visual.unavailable(NO_EVENTS);
    return CustomerAnalysis.Visual.available("this customer's daily events by category over the 30 days to "
        + events.asOf(), own.interestTrend(events.asOf()));
  }

  private CustomerAnalysis.Visual funnel(EventLog own) {
    if (own == null) return CustomerAnalysis.Visual.unavailable(NO_TIMESTAMPS + "; a funnel also needs view and cart events");
    if (own.rowCount() == 0) return CustomerAnalysis.Visual.unavailable(NO_EVENTS);
    Funnel funnel = own.funnel();
    return funnel.available()
        ? CustomerAnalysis.Visual.available("this customer's views, carts and purchases in " + events.log().source(), funnel)
        : CustomerAnalysis.Visual.unavailable(funnel.reason());
  }

  private CustomerAnalysis.RepeatPurchaseView repeatPurchase(String id) {
    if (events == null) {
      return new CustomerAnalysis.RepeatPurchaseView("unavailable", NO_TIMESTAMPS, null, null, null, null, null, null,
          null, null);
    }
    Optional<CustomerForecast> forecast = events.forecast(id);
    if (forecast.isEmpty()) {
      return new CustomerAnalysis.RepeatPurchaseView("unavailable", "no purchase of this customer's in "
          + events.log().source() + ", so the model has nothing to extrapolate from", null, null, null, null, null,
          null, null, null);
    }
    CustomerForecast f = forecast.get();
    String basis = events.evaluation().isPresent() ? "evaluated" : Predictor.BASIS;
    return new CustomerAnalysis.RepeatPurchaseView("available", null, basis, f.asOf(),
        f.probabilityAlive() == null ? null : percent(f.probabilityAlive()), Math.round(f.expectedPurchases() * 100) / 100.0,
        f.horizonDays(), percent(f.churnRisk()), f.clv() == null ? null : money(f.clv()),
        String.format(Locale.ROOT, RepeatPurchaseModel.CHURN_DEFINITION, f.horizonDays()));
  }

  static final String NO_EVENTS = "this customer has no events in the loaded event log";

  static final String ENGAGEMENT_RULE = "one point each for buying 26+ times a year, 25+ previous purchases and a "
      + "subscription: 2-3 points High, 1 Medium, 0 Low";

  static final String LOG_ENGAGEMENT_RULE = "one point each for 12+ purchase days a year, 10+ orders and a "
      + "purchase in the last 30 days: 2-3 points High, 1 Medium, 0 Low";
  /** The formulas as computed on this input: a score term whose column the input lacks is named as left out. */
  private Map<String, String> formulasHere() {
    List<String> leftOut = predictor.termsLeftOut(dataset.unavailableFeatures());
    Map<String, String> formulas = predictor.formulas();
    if (leftOut.isEmpty()) return formulas;
    Map<String, String> f = new LinkedHashMap<>(formulas);
    f.put("p_active", formulas.get("p_active") + "; left out, for want of its column in the input: "
        + String.join(", ", leftOut));
    return Collections.unmodifiableMap(f);
  }

  /**
   * The table's audit, plus what this analysis cannot evaluate on it: each missing column with the
   * persona rules, traits, recommendations and score terms that need it.
   */
  public AuditReport audit() {
    List<AuditFinding> more = new ArrayList<>();
    for (Field field : dataset.missingColumns()) {
      Set<String> without = Set.of(field.key());
      List<String> parts = new ArrayList<>();
      rules.unavailable(without).keySet().forEach(name -> parts.add("persona rule " + name));
      traits.traits().stream().filter(t -> !t.when().needs(without).isEmpty()).forEach(t -> parts.add("trait " + t.label()));
      recommender.rules().stream().filter(r -> !r.when().needs(without).isEmpty())
          .forEach(r -> parts.add("recommendation " + r.action()));
      predictor.termsLeftOut(without).forEach(term -> parts.add("the " + term + " term of p_active (left out)"));
      if (parts.isEmpty()) continue;
      more.add(new AuditFinding(AuditFinding.Kind.UNAVAILABLE, AuditFinding.Severity.LIMITATION, List.of(field.header()),
          "unavailable: needs " + field.key() + " (" + field.header() + " is not in the file): " + String.join(", ", parts)
              + "; a rule that needs it matches nobody"));
    }
    return dataset.audit().with(more);
  }

  private String engagement(int row) {
    if (dataset.isDerived()) {
      int points = (num("purchases_per_year", row) >= 12 ? 1 : 0) + (num("orders", row) >= 10 ? 1 : 0)
          + (num("recency_days", row) <= 30 ? 1 : 0);
      return points >= 2 ? "High" : points == 1 ? "Medium" : "Low";
    }
    int points = (num("purchases_per_year", row) >= 26 ? 1 : 0)
        + (num("previous_purchases", row) >= 25 ? 1 : 0)
        + (((BooleanColumn) column(Field.SUBSCRIPTION_STATUS.key())).get(row) == Boolean.TRUE ? 1 : 0);
    return points >= 2 ? "High" : points == 1 ? "Medium" : "Low";
  }

  private List<String> topCategories(int row) {
    if (!dataset.isDerived()) return List.of(text(Field.CATEGORY, row));
    String top = text("top_categories", row);
    return top.isEmpty() ? List.of() : List.of(top.split(", "));
  }

  private static String priceRange(double amount) {
    if (Double.isNaN(amount)) return "unknown: no purchase yet";
    int low = (int) Math.floor(amount / 20) * 20;
    return "$" + low + "-$" + (low + 20);
  }

  private Map<String, Double> peerCategoryMix(int row) {
    return peerCategoryMixes().get(peerGroup(row, columnByName.containsKey(Features.AGE_BAND)));
  }

  /** A customer's peers: the same persona and age band (a log's customers have no age: the persona alone). */
  private String peerGroup(int row, boolean banded) {
    String persona = text("persona", row);
    return banded ? persona + '\u001F' + text(Features.AGE_BAND, row) : persona;
  }

  /** Every peer group's category shares, counted in one pass over the base and kept. */
  private synchronized Map<String, Map<String, Double>> peerCategoryMixes() {
    if (peerCategoryMixes == null) {
      boolean banded = scored.containsColumn(Features.AGE_BAND);
      Cells cells = Cells.of(scored.stringColumn("persona"), Cells.ageBands(scored),
          scored.stringColumn(Field.CATEGORY.key()));
      long[] count = cells.counts();
      Map<String, Map<String, Integer>> counts = new HashMap<>();
      for (int cell = 0; cell < count.length; cell++) {
        if (count[cell] == 0) continue;
        List<String> key = cells.key(cell);
        String group = banded ? key.get(0) + '\u001F' + key.get(1) : key.get(0);
        counts.computeIfAbsent(group, g -> new TreeMap<>()).put(key.get(2), (int) count[cell]);
      }
      Map<String, Map<String, Double>> mixes = new HashMap<>();
      counts.forEach((group, byCategory) -> {
        int peers = byCategory.values().stream().mapToInt(Integer::intValue).sum();
        Map<String, Double> shares = new LinkedHashMap<>();
        byCategory.forEach((name, customers) -> shares.put(name, percent((double) customers / peers)));
        mixes.put(group, Collections.unmodifiableMap(shares));
      });
      peerCategoryMixes = mixes;
    }
    return peerCategoryMixes;
  }

  private Map<String, Integer> counts(String column, List<String> order) {
    Map<String, Integer> out = new LinkedHashMap<>();
    order.forEach(label -> out.put(label, 0));
    StringColumn values = scored.stringColumn(column);
    for (int i = 0; i < values.size(); i++) out.merge(values.get(i), 1, Integer::sum);
    return out;
  }

  private double num(String column, int row) {
    return ((tech.tablesaw.api.NumericColumn<?>) column(column)).getDouble(row);
  }

  private String text(Field field, int row) {
    return text(field.key(), row);
  }

  private String text(String column, int row) {
    return ((StringColumn) column(column)).get(row);
  }

  /** A column of the scored table by name, from an index made once: Tablesaw compares every name on each lookup. */
  private Column<?> column(String name) {
    Column<?> column = columnByName.get(name);
    return column != null ? column : scored.column(name);
  }

  /** Mean over customers with a value (a log's customers without a purchase have no churn risk). */
  private double mean(String column) {
    double[] values = Arrays.stream(((DoubleColumn) scored.column(column)).asDoubleArray()).filter(v -> !Double.isNaN(v)).toArray();
    return values.length == 0 ? 0 : Arrays.stream(values).sum() / values.length;
  }

  private double sum(String column) {
    return Arrays.stream(((DoubleColumn) scored.column(column)).asDoubleArray()).filter(v -> !Double.isNaN(v)).sum();
  }

  private static double percent(double share) {
    return Math.round(share * 1000) / 10.0;
  }

  private static double money(double amount) {
    return Math.round(amount * 100) / 100.0;
  }

  private static double zeroIfMissing(double value) {
    return Double.isNaN(value) ? 0 : value;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "Analysis of %s: %d customers, %d personas", dataset.source(),
        scored.rowCount(), rules.personas().size());
  }
}
