package dev.customerlens.predict;

import dev.customerlens.errors.WorkspaceException;

/**
 * One input of a {@link LinearScore}: {@code weight × scale(feature)}.
 *
 * @param label what the factor is called when it is reported to a reader
 */
public record Term(String feature, Scale scale, double weight, String label) {
  /** How a feature enters the score. Missing values count as average (0 after scaling). */
  public enum Scale {
    /** yes/no as 1/0. */
    FLAG,
    /** (x − mean) / sd over the customer base. */
    STANDARDISED,
    /** (ln(1+x) − mean) / sd over the base, for counts and rates with a long tail. */
    LOG_STANDARDISED
  }

  public Term {
    if (feature == null || feature.isBlank()) throw new WorkspaceException("a score term needs a feature");
    if (scale == null) throw new WorkspaceException("score term " + feature + " needs a scale");
    if (!Double.isFinite(weight)) throw new WorkspaceException("score term " + feature + " needs a finite weight");
    if (label == null || label.isBlank()) label = feature;
  }

  /** The value a standardised term scales: ln(1 + x) for LOG_STANDARDISED, else x itself. */
  public double input(double value) {
    return scale == Scale.LOG_STANDARDISED ? Math.log1p(value) : value;
  }
}
