package dev.customerlens.predict;

/**
 * Why a score came out as it did for one customer.
 *
 * @param value the customer's own value of the input, as shown to a reader
 * @param effect signed change in log-odds of being active that this input caused, against an average customer
 */
public record Factor(String name, String value, double effect) {
  /** "subscription = Yes raises activity (+0.80 log-odds)". */
  public String explain() {
    if (value.equals(Predictor.UNAVAILABLE)) return name + " is " + value + ": no effect on the odds";
    return name + " = " + value + (effect >= 0 ? " raises" : " lowers") + " the odds of staying active ("
        + String.format(java.util.Locale.ROOT, "%+.2f", effect) + " log-odds)";
  }
}
