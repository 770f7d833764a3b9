package dev.customerlens.predict;

/**
 * Why a score came out as it did for one customer.
 *
 * @param value the customer's own value of the input, as shown to a reader
 * @param effect signed change in log-odds of being active that this input caused, against an average customer
 */
public record Factor(String name, String value, double effect) {
  /** "subscription = Yes raises the odds of staying active (+0.80 log-odds)". */
  public String explain() {
    if (value.equals(Predictor.UNAVAILABLE)) return name + " is " + value + ": no effect on the odds";
    boolean negative = !(effect >= 0);
    StringBuilder out = new StringBuilder(name).append(" = ").append(value)
        .append(negative ? " lowers" : " raises").append(" the odds of staying active (");
    return appendSigned(out, negative, Math.round(Math.abs(effect) * 100)).append(" log-odds)").toString();
  }

  /**
   * "+0.80", "-0.00": an effect to the hundredth with its sign, as the explanations and the
   * top_factors column show it. Written by hand: String.format took longer than the rest of a
   * customer's analysis.
   */
  static StringBuilder appendSigned(StringBuilder out, boolean negative, long hundredths) {
    return out.append(negative ? '-' : '+').append(hundredths / 100).append('.')
        .append(hundredths % 100 < 10 ? "0" : "").append(hundredths % 100);
  }
}
