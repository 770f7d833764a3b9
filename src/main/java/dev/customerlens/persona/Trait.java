package dev.customerlens.persona;

import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.rules.Condition;

/** A behavioural trait a customer has when {@code when} holds for their own values. */
public record Trait(String label, Condition when) {
  public Trait {
    if (label == null || label.isBlank()) throw new WorkspaceException("a trait needs a label");
    if (when == null) throw new WorkspaceException("trait " + label + " needs a condition");
  }

  public static Trait of(String label, String when) {
    return new Trait(label, Condition.parse(when));
  }
}
