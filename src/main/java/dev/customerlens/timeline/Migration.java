package dev.customerlens.timeline;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.customerlens.clv.CustomerForecast;
import dev.customerlens.clv.ForecastOptions;
import dev.customerlens.clv.RepeatPurchaseModel;
import dev.customerlens.errors.Failures;
import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.events.EventLog;
import dev.customerlens.events.EventType;
import dev.customerlens.model.ProfileEngine;
import dev.customerlens.persona.PersonaRules;
import dev.customerlens.predict.Predictor;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Who moved where between two days: each of a log's customers by persona at the end of {@code from}
 * and at the end of {@code to}, with the value that moved. {@code personas} are the rules' names in
 * rule order; {@code fromStates} and {@code toStates} the rows and columns that have customers.
 *
 * <ul>
 *   <li>A row is the customer's persona as of {@code from}, or {@value #NEW} for a customer whose
 *       first event came after it.
 *   <li>A column is the customer's persona as of {@code to}, or {@value #NO_ACTIVITY} for a customer
 *       with no event of any kind after {@code from}: their persona at {@code to} changes only because
 *       time passed, and is kept in {@link #customers()} as {@code persona_to}.
 *   <li>{@code spend_between} is what the customer spent on purchases after {@code from}, up to and
 *       including {@code to}; {@code clv} their lifetime value as of {@code to} under a BG/NBD and
 *       Gamma-Gamma model fitted to the log up to {@code to} ({@link #clvBasis()}), missing when no
 *       spend model could be fitted or the customer has no purchase by then.
 * </ul>
 *
 * <pre>{@code
 * Migration m = Migration.of(log, LocalDate.of(2011, 6, 9), LocalDate.of(2011, 12, 9), PersonaRules.forLogs(),
 *     Predictor.defaults(), ColumnarProfiles.ENGINE);
 * m.matrix();       // customers by persona at from (rows) and at to (columns)
 * m.customers();    // the customers behind each cell, to export
 * }</pre>
 */
public record Migration(String source, @JsonSerialize(using = ToStringSerializer.class) LocalDate from,
    @JsonSerialize(using = ToStringSerializer.class) LocalDate to, List<String> personas, List<String> fromStates,
    List<String> toStates, List<Flow> flows, String clvBasis, @JsonIgnore List<Move> moves) {
  public static final String NEW = "New";
  public static final String NO_ACTIVITY = "No activity";

  /**
   * The customers who went from one state to another.
   *
   * @param spendBetween purchases after {@code from} up to {@code to}, summed
   * @param clv lifetime value at {@code to}, summed over the customers who have one; null when none has
   */
  public record Flow(String from, String to, int customers, double spendBetween, Double clv) {}

  /** One customer's move: the states of the matrix and the personas behind them. */
  public record Move(String customerId, String from, String to, String personaFrom, String personaTo,
      double spendBetween, double clv) {}

  public Migration {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    personas = List.copyOf(personas);
    fromStates = List.copyOf(fromStates);
    toStates = List.copyOf(toStates);
    flows = List.copyOf(flows);
    moves = List.copyOf(moves);
  }

  /**
   * @param engine assigns the personas on each day (the columnar engine, or {@code ProfileEngine.TABLESAW})
   * @throws WorkspaceException when {@code to} is not after {@code from}, or either is outside the log
   */
  public static Migration of(EventLog log, LocalDate from, LocalDate to, PersonaRules rules, Predictor predictor,
      ProfileEngine engine) {
    if (!to.isAfter(from)) {
      throw new WorkspaceException("the later day " + to + " must be after the earlier day " + from
          + ": a migration runs forward in time");
    }
    for (LocalDate day : List.of(from, to)) {
      if (day.isBefore(log.firstDate()) || day.isAfter(log.lastDate())) {
        throw new WorkspaceException(day + " is outside " + log.source() + ", which covers " + log.firstDate()
            + " to " + log.lastDate());
      }
    }
    // The model fit and its CLVs take as long as the two snapshots: on two cores, side by side.
    CompletableFuture<RepeatPurchaseModel> fitting = CompletableFuture.supplyAsync(() -> RepeatPurchaseModel.fit(log.until(to)));
    CompletableFuture<Map<String, Double>> valuing = fitting.thenApply(model -> clvs(model, predictor));
    Snapshot before = Snapshot.of(log, from, rules, engine);
    Snapshot after = Snapshot.of(log, to, rules, engine);
    Map<String, double[]> between = activityBetween(log, from, to);
    RepeatPurchaseModel model = Failures.joined(fitting);
    Map<String, Double> clvOf = Failures.joined(valuing);
    String clvBasis = model.spend().isPresent()
        ? "expected purchases over " + predictor.clvYears() + " years under a BG/NBD fitted to the log up to " + to
            + " × Gamma-Gamma expected spend per purchase, discounted at " + Math.round(predictor.discountRate() * 100)
            + "% a year"
        : "unavailable: too few repeat customers to fit a spend model on the log up to " + to;

    List<Move> moves = new ArrayList<>();
    StringColumn ids = after.features().stringColumn("customer_id");
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      String personaFrom = before.personaOf().get(id);
      String personaTo = after.personaOf().get(id);
      double[] activity = between.get(id);
      String fromState = personaFrom == null ? NEW : personaFrom;
      String toState = activity == null ? NO_ACTIVITY : personaTo;
      moves.add(new Move(id, fromState, toState, personaFrom == null ? "" : personaFrom, personaTo,
          activity == null ? 0 : activity[0], clvOf.getOrDefault(id, Double.NaN)));
    }
    List<String> order = rules.names();
    List<String> fromStates = states(moves, Move::from, order, NEW);
    List<String> toStates = states(moves, Move::to, order, NO_ACTIVITY);
    return new Migration(log.source(), from, to, order, fromStates, toStates, flows(moves, fromStates, toStates),
        clvBasis, moves);
  }

  private static Map<String, Double> clvs(RepeatPurchaseModel model, Predictor predictor) {
    Map<String, Double> clvOf = new HashMap<>();
    for (CustomerForecast f : model.forecasts(new ForecastOptions(90, 365 * predictor.clvYears(), predictor.discountRate()))) {
      if (f.clv() != null) clvOf.put(f.customerId(), f.clv());
    }
    return clvOf;
  }

  /** Each customer with an event after {@code from} up to {@code to}: {spend on purchases}. */
  private static Map<String, double[]> activityBetween(EventLog log, LocalDate from, LocalDate to) {
    Table events = log.table();
    StringColumn ids = events.stringColumn(EventLog.CUSTOMER_ID);
    var times = events.dateTimeColumn(EventLog.TIMESTAMP);
    StringColumn types = events.stringColumn(EventLog.EVENT);
    DoubleColumn amounts = events.doubleColumn(EventLog.AMOUNT);
    String purchase = EventType.PURCHASE.label();
    Map<String, double[]> out = new HashMap<>();
    for (int i = 0; i < events.rowCount(); i++) {
      LocalDate day = times.get(i).toLocalDate();
      if (!day.isAfter(from) || day.isAfter(to)) continue;
      double[] spend = out.computeIfAbsent(ids.get(i), id -> new double[1]);
      if (types.get(i).equals(purchase) && !amounts.isMissing(i)) spend[0] += amounts.getDouble(i);
    }
    return out;
  }

  /** The states that occur, in rule order, with the extra state ({@value #NEW} or {@value #NO_ACTIVITY}) last. */
  private static List<String> states(List<Move> moves, java.util.function.Function<Move, String> state,
      List<String> ruleOrder, String extra) {
    Set<String> seen = new LinkedHashSet<>();
    moves.forEach(m -> seen.add(state.apply(m)));
    List<String> out = new ArrayList<>();
    for (String name : ruleOrder) if (seen.contains(name)) out.add(name);
    if (seen.contains(extra)) out.add(extra);
    return out;
  }

  private static List<Flow> flows(List<Move> moves, List<String> fromStates, List<String> toStates) {
    Map<List<String>, List<Move>> cells = new LinkedHashMap<>();
    for (String f : fromStates) for (String t : toStates) cells.put(List.of(f, t), new ArrayList<>());
    for (Move m : moves) cells.get(List.of(m.from(), m.to())).add(m);
    List<Flow> out = new ArrayList<>();
    cells.forEach((key, members) -> {
      if (members.isEmpty()) return;
      double spend = members.stream().mapToDouble(Move::spendBetween).sum();
      boolean anyClv = members.stream().anyMatch(m -> !Double.isNaN(m.clv()));
      Double clv = anyClv ? members.stream().mapToDouble(Move::clv).filter(v -> !Double.isNaN(v)).sum() : null;
      out.add(new Flow(key.get(0), key.get(1), members.size(), spend, clv));
    });
    return out;
  }

  /** Customers in the whole matrix. */
  public int customerCount() {
    return moves.size();
  }

  /** How many customers went from {@code fromState} to {@code toState}; 0 for a cell nobody is in. */
  public int count(String fromState, String toState) {
    return flows.stream().filter(f -> f.from().equals(fromState) && f.to().equals(toState)).mapToInt(Flow::customers)
        .findFirst().orElse(0);
  }

  /** Customers by state at {@code from} (rows, "from \\ to" first) and at {@code to} (columns), with totals. */
  public Table matrix() {
    Table out = Table.create("customers by persona, " + from + " (rows) to " + to + " (columns)");
    out.addColumns(StringColumn.create("from \\ to", fromStates).append("total"));
    for (String t : toStates) {
      IntColumn column = IntColumn.create(t);
      int total = 0;
      for (String f : fromStates) {
        column.append(count(f, t));
        total += count(f, t);
      }
      out.addColumns(column.append(total));
    }
    IntColumn totals = IntColumn.create("total");
    for (String f : fromStates) totals.append(flows.stream().filter(x -> x.from().equals(f)).mapToInt(Flow::customers).sum());
    out.addColumns(totals.append(moves.size()));
    return out;
  }

  /**
   * Each non-empty cell, largest first: customers, their share of the row ({@code row_pct}), spend
   * between the dates and CLV at {@code to}.
   */
  public Table flowTable() {
    List<Flow> sorted = new ArrayList<>(flows);
    sorted.sort(Comparator.comparingInt(Flow::customers).reversed());
    Map<String, Integer> rowTotals = new HashMap<>();
    flows.forEach(f -> rowTotals.merge(f.from(), f.customers(), Integer::sum));
    return Table.create("flows " + from + " to " + to,
        StringColumn.create("from", sorted.stream().map(Flow::from)),
        StringColumn.create("to", sorted.stream().map(Flow::to)),
        IntColumn.create("customers", sorted.stream().mapToInt(Flow::customers).toArray()),
        DoubleColumn.create("row_pct", sorted.stream().mapToDouble(f -> 100.0 * f.customers() / rowTotals.get(f.from()))),
        DoubleColumn.create("spend_between", sorted.stream().mapToDouble(Flow::spendBetween)),
        DoubleColumn.create("clv", sorted.stream().mapToDouble(f -> f.clv() == null ? Double.NaN : f.clv())));
  }

  /**
   * One row per customer: customer_id, from_state, to_state (the matrix's row and column),
   * persona_from (blank for a new customer), persona_to, spend_between and clv.
   */
  public Table customers() {
    return Table.create("migration " + from + " to " + to,
        StringColumn.create("customer_id", moves.stream().map(Move::customerId)),
        StringColumn.create("from_state", moves.stream().map(Move::from)),
        StringColumn.create("to_state", moves.stream().map(Move::to)),
        StringColumn.create("persona_from", moves.stream().map(Move::personaFrom)),
        StringColumn.create("persona_to", moves.stream().map(Move::personaTo)),
        DoubleColumn.create("spend_between", moves.stream().mapToDouble(Move::spendBetween)),
        DoubleColumn.create("clv", moves.stream().mapToDouble(Move::clv)));
  }

  /** The customers of one cell, for a closer look or an export. */
  public Table customers(String fromState, String toState) {
    Table all = customers();
    return all.where(all.stringColumn("from_state").isEqualTo(fromState).and(all.stringColumn("to_state").isEqualTo(toState)))
        .setName(fromState + " to " + toState);
  }
}
