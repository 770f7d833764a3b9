package dev.customerlens.data;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The 18 columns of the "Customer Shopping Trends" schema, in the published order. The header
 * is the published name and the name of the loaded Tablesaw column; {@link #key()} is the
 * snake_case name that persona rules and scores use.
 */
public enum Field {
  CUSTOMER_ID("Customer ID", "customer_id", Kind.ID, true),
  AGE("Age", "age", Kind.AGE, true),
  GENDER("Gender", "gender", Kind.TEXT, true),
  ITEM_PURCHASED("Item Purchased", "item", Kind.TEXT, false),
  CATEGORY("Category", "category", Kind.TEXT, true),
  PURCHASE_AMOUNT("Purchase Amount (USD)", "amount", Kind.MONEY, true),
  LOCATION("Location", "location", Kind.TEXT, false),
  SIZE("Size", "size", Kind.TEXT, false),
  COLOR("Color", "color", Kind.TEXT, false),
  SEASON("Season", "season", Kind.TEXT, false),
  REVIEW_RATING("Review Rating", "rating", Kind.RATING, false),
  SUBSCRIPTION_STATUS("Subscription Status", "subscribed", Kind.YES_NO, true),
  SHIPPING_TYPE("Shipping Type", "shipping", Kind.TEXT, false),
  DISCOUNT_APPLIED("Discount Applied", "discount_applied", Kind.YES_NO, true),
  PROMO_CODE_USED("Promo Code Used", "promo_used", Kind.YES_NO, true),
  PREVIOUS_PURCHASES("Previous Purchases", "previous_purchases", Kind.COUNT, true),
  PAYMENT_METHOD("Payment Method", "payment", Kind.TEXT, false),
  FREQUENCY("Frequency of Purchases", "frequency", Kind.FREQUENCY, true);

  /** How a cell is parsed and checked. */
  public enum Kind { ID, AGE, TEXT, MONEY, RATING, YES_NO, COUNT, FREQUENCY }

  public static final int MIN_AGE = 13;
  public static final int MAX_AGE = 100;

  private final String header;
  private final String key;
  private final Kind kind;
  private final boolean required;

  Field(String header, String key, Kind kind, boolean required) {
    this.header = header;
    this.key = key;
    this.kind = kind;
    this.required = required;
  }

  public String header() {
    return header;
  }

  public String key() {
    return key;
  }

  public Kind kind() {
    return kind;
  }

  /** Whether a blank cell is an error (true) or a missing value (false). */
  public boolean required() {
    return required;
  }

  /**
   * Whether a file may lack this column. The six columns that features, scores and values are built
   * on (id, age, category, amount, previous purchases, frequency) may not; without any other column
   * the table still loads, and the rules, traits and score terms that need it are reported unavailable.
   */
  public boolean optional() {
    return switch (this) {
      case CUSTOMER_ID, AGE, CATEGORY, PURCHASE_AMOUNT, PREVIOUS_PURCHASES, FREQUENCY -> false;
      default -> true;
    };
  }

  /** The snake_case keys of all fields, in schema order: the parts {@code --columns} names. */
  public static List<String> keys() {
    return Arrays.stream(values()).map(Field::key).toList();
  }

  /** What a valid value looks like, for error messages. */
  public String expectation() {
    return switch (kind) {
      case ID -> "expected a non-empty customer id, unique in the file";
      case AGE -> "expected a whole number of years from " + MIN_AGE + " to " + MAX_AGE;
      case TEXT -> "expected text";
      case MONEY -> "expected a non-negative amount such as 53 or 53.20";
      case RATING -> "expected a number from 1 to 5";
      case YES_NO -> "expected Yes or No";
      case COUNT -> "expected a whole number of 0 or more";
      case FREQUENCY -> "expected one of " + Frequency.vocabulary();
    };
  }

  /**
   * The header reduced to what matters for matching: lower case, letters and digits only, with a
   * trailing unit such as "(USD)" or "_usd" removed, so the published variants of the dataset agree.
   */
  static String normalise(String header) {
    String text = header.replace("\uFEFF", "").toLowerCase(Locale.ROOT).replaceAll("\\(.*?\\)", "");
    String squashed = text.replaceAll("[^a-z0-9]", "");
    return squashed.endsWith("usd") && squashed.length() > 3
        ? squashed.substring(0, squashed.length() - 3)
        : squashed;
  }

  String normalisedHeader() {
    return normalise(header);
  }
}
