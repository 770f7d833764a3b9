package dev.customerlens.persona;

import dev.customerlens.errors.WorkspaceException;
import java.util.List;

/** Who a group of customers is: a name, a sentence that is true of every member, and its traits. */
public record Persona(String name, String description, List<String> traits) {
  public Persona {
    if (name == null || name.isBlank()) throw new WorkspaceException("a persona needs a name");
    if (description == null || description.isBlank()) throw new WorkspaceException("persona " + name + " needs a description");
    traits = traits == null ? List.of() : List.copyOf(traits);
  }
}
