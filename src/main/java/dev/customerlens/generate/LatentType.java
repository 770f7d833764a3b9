package dev.customerlens.generate;

/**
 * A hidden behaviour type that synthetic customers are drawn from. The type is not written to the
 * data; it shows only through the correlations it leaves behind.
 *
 * @param name short display name, such as "Deal seeker"
 * @param share fraction of customers drawn from this type
 * @param description the traits that set the type apart
 */
public record LatentType(String name, double share, String description) {
  public LatentType {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("name is blank");
    if (!(share > 0 && share <= 1)) throw new IllegalArgumentException("share of " + name + " must be in (0, 1], was " + share);
    if (description == null || description.isBlank()) throw new IllegalArgumentException("description of " + name + " is blank");
  }
}
