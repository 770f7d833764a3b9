package dev.customerlens.api;

import dev.customerlens.analysis.Analysis;
import dev.customerlens.persona.Persona;
import dev.customerlens.recommend.Priority;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** One line per customer for {@code /api/customers}, in input order; each request filters and pages it, in its sort's order. */
final class CustomerList {
  /** @param topPriority the most urgent of the customer's recommendations: High, Medium, Low or None */
  record Item(String customerId, String persona, double churnRiskPercent, double purchaseProbabilityPercent,
      String revenuePotential, double estimatedClv, String topPriority) {}

  record Page(int total, int limit, int offset, List<Item> items) {}

  static final String NO_PRIORITY = "None";
  private static final List<String> LEVELS = List.of(NO_PRIORITY, "Low", "Medium", "High");

  /** Keyed by the item field they sort on. Ids sort shorter first, so that numeric ids sort as numbers. */
  static final Map<String, Comparator<Item>> SORTS = sorts();

  private final List<Item> items;
  private final List<String> personas;
  private final Map<String, int[]> orders = new ConcurrentHashMap<>();

  private CustomerList(List<Item> items, List<String> personas) {
    this.items = List.copyOf(items);
    this.personas = List.copyOf(personas);
  }

  /** Evaluates every recommendation rule on every customer, for their top priorities (no texts made). */
  static CustomerList of(Analysis analysis) {
    Priority[] topPriority = analysis.topPriorities();
    Table scored = analysis.scored();
    StringColumn ids = scored.stringColumn("customer_id");
    StringColumn personas = scored.stringColumn("persona");
    DoubleColumn churn = scored.doubleColumn("churn_risk");
    DoubleColumn purchase = scored.doubleColumn("purchase_probability");
    StringColumn potential = scored.stringColumn("revenue_potential");
    DoubleColumn clv = scored.doubleColumn("clv");
    List<Item> items = new ArrayList<>(scored.rowCount());
    for (int i = 0; i < scored.rowCount(); i++) {
      items.add(new Item(ids.get(i), personas.get(i), percent(churn.getDouble(i)), percent(purchase.getDouble(i)),
          potential.get(i), Math.round(clv.getDouble(i) * 100) / 100.0,
          topPriority[i] == null ? NO_PRIORITY : topPriority[i].label()));
    }
    return new CustomerList(items, analysis.rules().personas().stream().map(Persona::name).toList());
  }

  Page page(CustomerQuery query) {
    String persona = query.persona() == null ? null : known(query.persona(), personas, "persona");
    String priority = query.priority() == null ? null : known(query.priority(), LEVELS, "priority");
    int[] order = query.sort() == null ? null : order(query.sort(), query.descending());
    List<Item> page = new ArrayList<>(Math.min(query.limit(), items.size()));
    if (persona == null && priority == null) {
      // Every customer counts: the page is a slice, not a pass over a million of them.
      int from = Math.min(query.offset(), items.size());
      int to = (int) Math.min((long) from + query.limit(), items.size());
      for (int k = from; k < to; k++) page.add(items.get(order == null ? k : order[k]));
      return new Page(items.size(), query.limit(), query.offset(), List.copyOf(page));
    }
    int total = 0;
    for (int k = 0; k < items.size(); k++) {
      Item item = items.get(order == null ? k : order[k]);
      if ((persona != null && !item.persona().equals(persona)) || (priority != null && !item.topPriority().equals(priority))) {
        continue;
      }
      if (total >= query.offset() && page.size() < query.limit()) page.add(item);
      total++;
    }
    return new Page(total, query.limit(), query.offset(), List.copyOf(page));
  }

  /**
   * Every item's index in the order of one sort, ties in input order, made on first use and kept: a
   * filter keeps that order, so a page of a million customers is one pass, not a sort per request.
   */
  private int[] order(String sort, boolean descending) {
    return orders.computeIfAbsent(sort + (descending ? " desc" : ""), key -> {
      Comparator<Item> byField = SORTS.get(sort);
      Comparator<Item> order = descending ? byField.reversed() : byField;
      return IntStream.range(0, items.size()).boxed()
          .sorted((a, b) -> order.compare(items.get(a), items.get(b)))
          .mapToInt(Integer::intValue).toArray();
    });
  }

  /** A filter value matches a known value ignoring case; anything else is a mistake worth saying so. */
  private static String known(String value, List<String> known, String name) {
    for (String candidate : known) if (candidate.equalsIgnoreCase(value)) return candidate;
    throw ApiException.badRequest("invalid_parameter",
        "unknown " + name + " \"" + value + "\"; expected one of " + String.join(", ", known));
  }

  private static double percent(double share) {
    return Math.round(share * 1000) / 10.0;
  }

  private static Map<String, Comparator<Item>> sorts() {
    Map<String, Comparator<Item>> sorts = new LinkedHashMap<>();
    sorts.put("customer_id", Comparator.comparing(Item::customerId, Comparator.comparingInt(String::length)
        .thenComparing(Comparator.naturalOrder())));
    sorts.put("persona", Comparator.comparing(Item::persona));
    sorts.put("churn_risk_percent", Comparator.comparingDouble(Item::churnRiskPercent));
    sorts.put("purchase_probability_percent", Comparator.comparingDouble(Item::purchaseProbabilityPercent));
    sorts.put("revenue_potential", Comparator.comparingInt(item -> LEVELS.indexOf(item.revenuePotential())));
    sorts.put("estimated_clv", Comparator.comparingDouble(Item::estimatedClv));
    sorts.put("top_priority", Comparator.comparingInt(item -> LEVELS.indexOf(item.topPriority())));
    return Collections.unmodifiableMap(sorts);
  }
}
