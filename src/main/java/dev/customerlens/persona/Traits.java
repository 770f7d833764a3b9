package dev.customerlens.persona;

import dev.customerlens.errors.WorkspaceException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.Selection;

/** The behavioural traits each customer is described with, derived from their own values. */
public record Traits(List<Trait> traits) {
  public static final String SEPARATOR = "; ";

  public Traits {
    traits = List.copyOf(traits);
  }

  /** The built-in traits for customers derived from a transaction or event log. */
  public static Traits forLogs() {
    return new Traits(List.of(
        Trait.of("high spender (top 25%)", "spend_percentile >= 75"),
        Trait.of("low spender (bottom 25%)", "spend_percentile < 25"),
        Trait.of("frequent buyer (12+ purchase days a year)", "purchases_per_year >= 12"),
        Trait.of("bought in the last 30 days", "recency_days <= 30"),
        Trait.of("spend rising", "trend = 'rising'"),
        Trait.of("spend falling", "trend = 'falling'"),
        Trait.of("returns often (10%+ of lines)", "return_share >= 0.1"),
        Trait.of("cancels often (10%+ of lines)", "cancellation_share >= 0.1")));
  }

  public static Traits defaults() {
    return new Traits(List.of(
        Trait.of("subscriber", "subscribed"),
        Trait.of("discount-driven", "discount_applied AND promo_used"),
        Trait.of("high spender (top 25%)", "amount_percentile >= 75"),
        Trait.of("budget spender (bottom 25%)", "amount_percentile < 25"),
        Trait.of("frequent buyer (26+ a year)", "purchases_per_year >= 26"),
        Trait.of("infrequent buyer (4 or fewer a year)", "purchases_per_year <= 4"),
        Trait.of("long history (35+ purchases)", "previous_purchases >= 35"),
        Trait.of("newcomer (5 or fewer purchases)", "previous_purchases <= 5"),
        Trait.of("delighted reviewer (4.5+)", "rating >= 4.5"),
        Trait.of("critical reviewer (below 3)", "rating < 3"),
        Trait.of("pays for fast shipping", "shipping IN ('Express', 'Next Day Air', '2-Day Shipping')")));
  }

  /** These traits without the ones that need an {@code unavailable} feature: nobody can be said to have them. */
  public Traits without(Set<String> unavailable) {
    return new Traits(traits.stream().filter(t -> t.when().needs(unavailable).isEmpty()).toList());
  }

  public Traits add(Trait trait) {
    List<Trait> copy = new ArrayList<>(traits);
    copy.add(trait);
    return new Traits(copy);
  }

  /** Each row's trait labels, in declaration order, joined by {@value #SEPARATOR}. */
  public StringColumn describe(Table features) {
    // Rows with the same traits share one label: each row holds the index of its combination so far,
    // and each trait maps a combination to the one with that trait added.
    List<String> labelOf = new ArrayList<>(List.of(""));
    int[] combination = new int[features.rowCount()];
    for (Trait trait : traits) {
      Selection having;
      try {
        having = trait.when().select(features);
      } catch (WorkspaceException e) {
        throw new WorkspaceException("trait " + trait.label() + ": " + e.getMessage(), e);
      }
      int[] with = new int[labelOf.size()];
      Arrays.fill(with, -1);
      for (int row : having.toArray()) {
        int before = combination[row];
        if (with[before] < 0) {
          String label = labelOf.get(before);
          labelOf.add(label.isEmpty() ? trait.label() : label + SEPARATOR + trait.label());
          with[before] = labelOf.size() - 1;
        }
        combination[row] = with[before];
      }
    }
    String[] labels = new String[combination.length];
    for (int row = 0; row < labels.length; row++) labels[row] = labelOf.get(combination[row]);
    return StringColumn.create("traits", labels);
  }
}
