package dev.customerlens;

import dev.customerlens.analysis.Analysis;
import dev.customerlens.analysis.BaseSummary;
import dev.customerlens.analysis.CustomerAnalysis;
import dev.customerlens.analysis.EventInsights;
import dev.customerlens.analysis.HasAnalysis;
import dev.customerlens.clv.Evaluation;
import dev.customerlens.data.AuditReport;
import dev.customerlens.data.Dataset;
import dev.customerlens.data.ReadOptions;
import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.events.CustomerFeatures;
import dev.customerlens.events.EventLog;
import dev.customerlens.events.LogFormat;
import dev.customerlens.events.LogReadOptions;
import dev.customerlens.persona.PersonaRule;
import dev.customerlens.persona.PersonaRules;
import dev.customerlens.persona.Traits;
import dev.customerlens.predict.Predictor;
import dev.customerlens.recommend.Recommendation;
import dev.customerlens.recommend.Recommender;
import dev.customerlens.report.Report;
import dev.customerlens.score.ColumnarProfiles;
import dev.customerlens.timeline.Drift;
import dev.customerlens.timeline.Migration;
import dev.customerlens.timeline.Stability;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import tech.tablesaw.api.Table;

/**
 * The workspace's front door for jshell and notebooks. Immutable: every {@code with...} returns a
 * new analysis and leaves this one as it was.
 *
 * <pre>{@code
 * var a = CustomerAnalytics.sample();
 * a.personas();                       // persona summary table
 * a.customer("101");                  // one customer's analysis (prints as JSON)
 * a.withRules(r -> r.first(PersonaRule.of("VIP", "Spends $95 or more", "amount >= 95"))).personas();
 * }</pre>
 */
public final class CustomerAnalytics implements HasAnalysis {
  private final Analysis analysis;

  private CustomerAnalytics(Analysis analysis) {
    this.analysis = analysis;
  }

  /** The embedded 3,900 customers and their 182-day event log, both made by the project's generators. */
  public static CustomerAnalytics sample() {
    return of(Dataset.embedded(), EventLog.embedded(), PersonaRules.defaults());
  }

  public static CustomerAnalytics load(String path) {
    return load(Path.of(path));
  }

  public static CustomerAnalytics load(Path path) {
    return of(Dataset.read(path));
  }

  /** Reads leniently: bad rows are skipped and listed by {@code dataset().skipped()}. */
  public static CustomerAnalytics loadLenient(Path path) {
    return of(Dataset.read(path, ReadOptions.lenient()));
  }

  /**
   * A retailer's transaction or event log alone: one customer per id in the log, with features
   * derived from it ({@link dev.customerlens.events.CustomerFeatures}), the log's persona rules,
   * traits and recommendations, and scores from the repeat-purchase model fitted to it. The layout
   * is recognised from the header (Online Retail's Invoice..., or customer_id, timestamp, event...);
   * the CDNOW sample has none: use {@link #fromLog(Path, LogFormat)}.
   */
  public static CustomerAnalytics fromLog(String path) {
    return fromLog(Path.of(path), LogFormat.detect(Path.of(path)));
  }

  public static CustomerAnalytics fromLog(Path file, LogFormat format) {
    return fromLog(EventLog.read(file, format), Dataset.sha256Of(file));
  }

  /** The embedded event log alone ({@code data/events.csv}, made by {@code SyntheticEvents}): the log-first path on sample data. */
  public static CustomerAnalytics sampleLog() {
    return fromLog(EventLog.embedded(), EventLog.embeddedSha256());
  }

  /** @param sha256 of the log file's bytes, shown in reports so numbers can be traced to the file */
  public static CustomerAnalytics fromLog(EventLog log, String sha256) {
    return new CustomerAnalytics(new Analysis(CustomerFeatures.dataset(log, sha256), PersonaRules.forLogs(),
        Traits.forLogs(), Predictor.defaults(), Recommender.forLogs(), log, ColumnarProfiles.ENGINE));
  }

  /** The customer table alone, with the default rules; add an event log with {@link #withEvents}. */
  public static CustomerAnalytics of(Dataset dataset) {
    return of(dataset, null, PersonaRules.defaults());
  }

  /**
   * The customer table with an event log ({@code null} for none) and these persona rules, analysed
   * once: the same as {@code of(dataset).withEvents(log).withRules(rules)} without the two analyses
   * in between.
   */
  public static CustomerAnalytics of(Dataset dataset, EventLog log, PersonaRules rules) {
    return new CustomerAnalytics(new Analysis(dataset, rules, Traits.defaults(), Predictor.defaults(),
        Recommender.defaults(), log, ColumnarProfiles.ENGINE));
  }

  /** Adds an event log (read with {@code EventLog.read}): time-based charts, repeat-purchase model, evaluation. */
  public CustomerAnalytics withEvents(EventLog log) {
    return new CustomerAnalytics(analysis.withEvents(log));
  }

  /** Reads an event log in the event layout (customer_id, timestamp, event, category, amount) and adds it. */
  public CustomerAnalytics withEvents(Path file) {
    return withEvents(EventLog.read(file, LogFormat.EVENTS, LogReadOptions.strict()));
  }

  /** Appends live events to the loaded log; the customers they concern change at once. */
  public CustomerAnalytics withMoreEvents(EventLog more) {
    return new CustomerAnalytics(analysis.withMoreEvents(more));
  }

  /**
   * This analysis as of the end of {@code date}: only the log's events on or before it count, and
   * a log's customers get their features, personas, scores and recommendations from those alone.
   * {@code a.asOf(LocalDate.of(2011, 6, 9)).personas()}
   */
  public CustomerAnalytics asOf(LocalDate date) {
    return new CustomerAnalytics(analysis.asOf(date));
  }

  public CustomerAnalytics withRules(PersonaRules rules) {
    return new CustomerAnalytics(analysis.withRules(rules));
  }

  /** Edits the current rules in place of a new set: {@code a.withRules(r -> r.remove("New Explorer"))}. */
  public CustomerAnalytics withRules(UnaryOperator<PersonaRules> edit) {
    return withRules(edit.apply(analysis.rules()));
  }

  /** Adds a persona rule tried before all others. */
  public CustomerAnalytics withPersona(PersonaRule rule) {
    return withRules(analysis.rules().first(rule));
  }

  public CustomerAnalytics withPredictor(Predictor predictor) {
    return new CustomerAnalytics(analysis.withPredictor(predictor));
  }

  public CustomerAnalytics withRecommender(Recommender recommender) {
    return new CustomerAnalytics(analysis.withRecommender(recommender));
  }

  public CustomerAnalytics withTraits(Traits traits) {
    return new CustomerAnalytics(analysis.withTraits(traits));
  }

  public Dataset dataset() {
    return analysis.dataset();
  }

  public PersonaRules rules() {
    return analysis.rules();
  }

  /** Persona summary: count, share, spend, frequency, rating and demographics per persona. */
  public Table personas() {
    return PreviewTable.of(analysis.personas());
  }

  /** Every customer with features, persona, traits and scores. */
  public Table customers() {
    return PreviewTable.of(analysis.scored());
  }

  public CustomerAnalysis customer(String id) {
    return analysis.customer(id);
  }

  public CustomerAnalysis customer(int id) {
    return customer(Integer.toString(id));
  }

  /** The plan for the base: which segments to target with what, and the value each covers. */
  public Table recommendations() {
    return PreviewTable.of(analysis.plan());
  }

  /** One row per customer and recommendation, most urgent first: the export table. */
  public Table recommendationList() {
    return PreviewTable.of(analysis.recommendations());
  }

  public List<Recommendation> recommendations(String customerId) {
    return analysis.recommendations(customerId);
  }

  /** The event log, if one was loaded. */
  public Optional<EventLog> events() {
    return analysis.events().map(EventInsights::log);
  }

  /**
   * How the forecasts and the scores did on the event log's holdout (by default its last third, at
   * most 365 days), fitted on the time before. Without a log, or with one too short to hold time
   * back, there is nothing to print, so this says why instead (jshell would otherwise show
   * {@code Optional.empty}).
   */
  public Evaluation evaluation() {
    EventInsights events = analysis.events().orElseThrow(() -> new WorkspaceException(
        "nothing to evaluate against: the customer table has no outcomes; add an event log with withEvents(Path)"));
    return events.evaluation().orElseThrow(() -> new WorkspaceException("cannot evaluate: " + events.evaluationUnavailable()));
  }

  /**
   * A log's customers by persona at the end of {@code from} and at the end of {@code to}, with the
   * spend and CLV that moved: {@code m.matrix()}, {@code m.customers("Premium Loyalist", "No activity")},
   * {@code Charts.migration(m)}.
   */
  public Migration migration(LocalDate from, LocalDate to) {
    return analysis.migration(from, to);
  }

  /** How sure the persona shares are (bootstrap intervals) and how many customers keep theirs for a week: {@code .table()}. */
  public Stability stability() {
    return analysis.stability();
  }

  /** PSI and change in mean of every feature and score, the {@code days} to {@code from} against those to {@code to}: {@code .table()}. */
  public Drift drift(LocalDate from, LocalDate to, int days) {
    return analysis.drift(from, to, days);
  }

  public AuditReport audit() {
    return analysis.audit();
  }

  public BaseSummary summary() {
    return analysis.summary();
  }

  /** The self-contained HTML report of this analysis: {@code a.report().write(Path.of("exports/report.html"))}. */
  public Report report() {
    return Report.of(this);
  }

  /** The underlying analysis, for code that needs more than this façade offers. */
  @Override
  public Analysis analysis() {
    return analysis;
  }

  @Override
  public String toString() {
    return analysis.toString();
  }
}
