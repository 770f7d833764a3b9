package dev.customerlens.persona;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.rules.Condition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.Selection;

/**
 * Ordered persona rules: each customer gets the persona of the first rule that matches, or the
 * fallback persona when none does, so everyone has exactly one. Immutable: every edit returns new
 * rules, so an analysis built with the old ones does not change under you.
 *
 * <pre>{@code
 * PersonaRules rules = PersonaRules.defaults()
 *     .first(PersonaRule.of("VIP", "Spends $95 or more per order", "amount >= 95"))
 *     .remove("New Explorer")
 *     .move("Quality Seeker", 0);
 * }</pre>
 */
public final class PersonaRules {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<PersonaRule> rules;
  private final Persona fallback;

  private PersonaRules(List<PersonaRule> rules, Persona fallback) {
    Set<String> names = new HashSet<>();
    for (PersonaRule rule : rules) {
      if (!names.add(rule.name())) throw new WorkspaceException("two persona rules are named " + rule.name());
    }
    if (names.contains(fallback.name())) {
      throw new WorkspaceException("the fallback persona " + fallback.name() + " also names a rule");
    }
    this.rules = List.copyOf(rules);
    this.fallback = fallback;
  }

  public static PersonaRules of(List<PersonaRule> rules, Persona fallback) {
    return new PersonaRules(rules, fallback);
  }

  /** The built-in rules; their order is part of their meaning (first match wins). */
  public static PersonaRules defaults() {
    return new PersonaRules(List.of(
        PersonaRule.of("Premium Loyalist",
            "Subscriber with 25 or more previous purchases who spends $60 or more per order",
            "subscribed AND previous_purchases >= 25 AND amount >= 60",
            "subscriber", "long purchase history", "spends $60+"),
        PersonaRule.of("Bargain Hunter",
            "Bought with a discount and a promo code, spending under $60",
            "discount_applied AND promo_used AND amount < 60",
            "discount and promo code", "spends under $60"),
        PersonaRule.of("Quality Seeker",
            "Spends $60 or more and rates purchases 4.0 or higher",
            "amount >= 60 AND rating >= 4",
            "spends $60+", "rates 4.0+"),
        PersonaRule.of("Frequent Shopper",
            "Buys every two weeks or more often (26 or more purchases a year)",
            "purchases_per_year >= 26",
            "buys every 1-2 weeks"),
        PersonaRule.of("Lapsing Occasional",
            "Buys four times a year or less and rates purchases below 3.5",
            "purchases_per_year <= 4 AND rating < 3.5",
            "buys quarterly or less", "rates below 3.5"),
        PersonaRule.of("New Explorer",
            "Has 10 or fewer previous purchases",
            "previous_purchases <= 10",
            "short purchase history")),
        new Persona("Casual Shopper", "Matches none of the more specific personas above",
            List.of("no dominant pattern")));
  }

  /**
   * The built-in rules for customers derived from a transaction or event log
   * ({@code CustomerFeatures}): the profile rules' Premium Loyalist where a log can tell it (high
   * spend, frequent, recent, by RFM quintile), then RFM-style segments. Personas that need what a
   * log does not record (discounts for Bargain Hunter, ratings for Quality Seeker) are not guessed.
   */
  public static PersonaRules forLogs() {
    return new PersonaRules(List.of(
        PersonaRule.of("Browser",
            "Viewed or carted but has not bought yet",
            "orders = 0",
            "no purchase yet"),
        PersonaRule.of("Premium Loyalist",
            "In the top two fifths for recency, frequency and spend",
            "r_score >= 4 AND f_score >= 4 AND m_score >= 4",
            "recent", "frequent", "high spend"),
        PersonaRule.of("New Customer",
            "First purchase within the last 90 days",
            "tenure_days < 90",
            "first purchase in the last 90 days"),
        PersonaRule.of("One-off",
            "Bought on a single day, more than 90 days ago",
            "purchase_days = 1",
            "one purchase day"),
        PersonaRule.of("At Risk",
            "Bought on 4 or more days, but not lately: bottom two fifths for recency",
            "r_score <= 2 AND purchase_days >= 4",
            "used to buy often", "not lately"),
        PersonaRule.of("Lost",
            "Bought on 2-3 days; least recent fifth of purchasers",
            "r_score = 1",
            "longest since a purchase"),
        PersonaRule.of("Hibernating",
            "Bought on 2-3 days; second least recent fifth",
            "r_score = 2",
            "long since a purchase"),
        PersonaRule.of("Promising",
            "Bought recently, on 2-3 days so far",
            "purchase_days <= 3",
            "recent", "few purchases so far")),
        new Persona("Regular", "Bought recently, on 4 or more days: none of the segments above",
            List.of("recent", "steady buyer")));
  }

  /** Reads rules saved by {@link #toJson()}: {"rules": [{name, description, when, traits}], "fallback": {...}}. */
  public static PersonaRules load(Path file) {
    try {
      return fromJson(Files.readString(file), file.toString());
    } catch (NoSuchFileException e) {
      throw new WorkspaceException(file + ": no such rules file");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public static PersonaRules fromJson(String json, String source) {
    try {
      JsonNode root = JSON.readTree(json);
      if (root == null || !root.path("rules").isArray()) {
        throw new WorkspaceException(source + ": expected an object with a \"rules\" array");
      }
      List<PersonaRule> rules = new ArrayList<>();
      int index = 0;
      for (JsonNode node : root.get("rules")) {
        index++;
        try {
          rules.add(new PersonaRule(persona(node), Condition.parse(text(node, "when"))));
        } catch (WorkspaceException e) {
          throw new WorkspaceException(source + ": rule " + index + ": " + e.getMessage(), e);
        }
      }
      Persona fallback = root.has("fallback") ? persona(root.get("fallback")) : defaults().fallback;
      return new PersonaRules(rules, fallback);
    } catch (JsonProcessingException e) {
      throw new WorkspaceException(source + ":" + e.getLocation().getLineNr() + ": not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static Persona persona(JsonNode node) {
    List<String> traits = new ArrayList<>();
    node.path("traits").forEach(t -> traits.add(t.asText()));
    return new Persona(text(node, "name"), text(node, "description"), traits);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) throw new WorkspaceException("\"" + field + "\" is missing or not text");
    return value.asText();
  }

  /** These rules in the form {@link #load} reads. Rules with Java predicates cannot be saved. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("rules");
    for (PersonaRule rule : rules) {
      if (rule.when() instanceof Condition.Custom) {
        throw new WorkspaceException("rule " + rule.name() + " uses a Java predicate and cannot be saved as JSON");
      }
      ObjectNode node = write(rule.persona(), list.addObject());
      node.put("when", rule.when().toString());
    }
    write(fallback, root.putObject("fallback"));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode write(Persona persona, ObjectNode node) {
    node.put("name", persona.name());
    node.put("description", persona.description());
    persona.traits().forEach(node.putArray("traits")::add);
    return node;
  }

  public List<PersonaRule> rules() {
    return rules;
  }

  public Persona fallback() {
    return fallback;
  }

  /** Every persona a customer can get, in rule order, fallback last. */
  public List<Persona> personas() {
    List<Persona> all = new ArrayList<>(rules.stream().map(PersonaRule::persona).toList());
    all.add(fallback);
    return all;
  }

  public List<String> names() {
    return personas().stream().map(Persona::name).toList();
  }

  /** Adds a rule after the existing ones (still before the fallback). */
  public PersonaRules add(PersonaRule rule) {
    return add(rules.size(), rule);
  }

  /** Adds a rule that is tried before all others. */
  public PersonaRules first(PersonaRule rule) {
    return add(0, rule);
  }

  public PersonaRules add(int position, PersonaRule rule) {
    if (position < 0 || position > rules.size()) {
      throw new WorkspaceException("position " + position + " is outside 0.." + rules.size());
    }
    List<PersonaRule> copy = new ArrayList<>(rules);
    copy.add(position, rule);
    return new PersonaRules(copy, fallback);
  }

  public PersonaRules remove(String name) {
    List<PersonaRule> copy = new ArrayList<>(rules);
    copy.remove(indexOf(name));
    return new PersonaRules(copy, fallback);
  }

  public PersonaRules replace(String name, PersonaRule rule) {
    List<PersonaRule> copy = new ArrayList<>(rules);
    copy.set(indexOf(name), rule);
    return new PersonaRules(copy, fallback);
  }

  /** Moves the named rule to {@code position} (0 is tried first). */
  public PersonaRules move(String name, int position) {
    List<PersonaRule> copy = new ArrayList<>(rules);
    PersonaRule rule = copy.remove(indexOf(name));
    if (position < 0 || position > copy.size()) {
      throw new WorkspaceException("position " + position + " is outside 0.." + copy.size());
    }
    copy.add(position, rule);
    return new PersonaRules(copy, fallback);
  }

  public PersonaRules withFallback(Persona persona) {
    return new PersonaRules(rules, persona);
  }

  private int indexOf(String name) {
    for (int i = 0; i < rules.size(); i++) {
      if (rules.get(i).name().equalsIgnoreCase(name)) return i;
    }
    throw new WorkspaceException("no persona rule named \"" + name + "\"; the rules are " + rules.stream().map(PersonaRule::name).toList());
  }

  /** The persona of each row of a feature table, as a new column named "persona". */
  public StringColumn assign(Table features) {
    return assign(features, Set.of());
  }

  /**
   * The persona of each row when the features in {@code unavailable} are not in the input: a rule
   * that needs one matches nobody (see {@link #unavailable}), and its customers go on down the list.
   */
  public StringColumn assign(Table features, Set<String> unavailable) {
    String[] assigned = new String[features.rowCount()];
    Selection unclaimed = Selection.withRange(0, features.rowCount());
    for (PersonaRule rule : rules) {
      Selection matched;
      try {
        matched = rule.when().select(features, unavailable).and(unclaimed);
      } catch (WorkspaceException e) {
        throw new WorkspaceException("persona rule " + rule.name() + ": " + e.getMessage(), e);
      }
      for (int row : matched.toArray()) assigned[row] = rule.name();
      unclaimed = unclaimed.andNot(matched);
    }
    for (int row : unclaimed.toArray()) assigned[row] = fallback.name();
    return StringColumn.create("persona", assigned);
  }

  /** Each rule that cannot be evaluated without {@code unavailable} features, with the ones it needs, in rule order. */
  public Map<String, List<String>> unavailable(Set<String> unavailable) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (PersonaRule rule : rules) {
      List<String> needs = rule.when().needs(unavailable);
      if (!needs.isEmpty()) out.put(rule.name(), needs);
    }
    return out;
  }

  /** The same assignment as one SQL CASE expression, for Spark or any SQL engine. */
  public String toSql() {
    StringJoiner sql = new StringJoiner("\n  ", "CASE\n  ", "\nEND");
    for (PersonaRule rule : rules) {
      sql.add("WHEN " + rule.when().toSql() + " THEN '" + rule.name().replace("'", "''") + "'");
    }
    sql.add("ELSE '" + fallback.name().replace("'", "''") + "'");
    return sql.toString();
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < rules.size(); i++) {
      PersonaRule rule = rules.get(i);
      out.append(i + 1).append(". ").append(rule.name()).append(": ").append(rule.when()).append('\n');
    }
    return out.append("otherwise: ").append(fallback.name()).toString();
  }
}
