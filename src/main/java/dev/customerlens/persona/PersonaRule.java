package dev.customerlens.persona;

import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.rules.Condition;
import java.util.List;
import java.util.function.Predicate;
import tech.tablesaw.api.Row;

/**
 * "Customers for whom {@code when} holds are {@code persona}", unless an earlier rule claimed them.
 *
 * <pre>{@code
 * PersonaRule.of("Big Spender", "Spends $90 or more per order", "amount >= 90", "high spender")
 * }</pre>
 */
public record PersonaRule(Persona persona, Condition when) {
  public PersonaRule {
    if (persona == null) throw new WorkspaceException("a persona rule needs a persona");
    if (when == null) throw new WorkspaceException("persona rule " + persona.name() + " needs a condition");
  }

  /** A rule whose condition is written in the rule language (see {@link Condition}). */
  public static PersonaRule of(String name, String description, String when, String... traits) {
    return new PersonaRule(new Persona(name, description, List.of(traits)), Condition.parse(when));
  }

  /** A rule with a Java predicate over the feature row: handy in a notebook, but it cannot run on Spark. */
  public static PersonaRule of(String name, String description, Predicate<Row> when, String... traits) {
    return new PersonaRule(new Persona(name, description, List.of(traits)), Condition.matching(description, when));
  }

  public String name() {
    return persona.name();
  }
}
