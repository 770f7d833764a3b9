package dev.customerlens.generate;

import dev.customerlens.data.Frequency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One latent behaviour type and the distributions its customers are drawn from. Everything that
 * makes the columns correlate lives here: a customer first gets a type, then every value is drawn
 * from that type's distributions.
 */
final class Behaviour {
  private static final int MIN_AGE = 18;
  private static final int MAX_AGE = 70;
  private static final int MIN_AMOUNT = 10;
  private static final int MAX_AMOUNT = 250;
  private static final int MAX_PREVIOUS_PURCHASES = 60;

  /** What a discount takes off the price; the amount column is what the customer paid. */
  private static final double DISCOUNT_FACTOR = 0.85;

  private static final List<String> SHIPPING =
      List.of("Free Shipping", "Standard", "Store Pickup", "Next Day Air", "Express", "2-Day Shipping");
  private static final List<String> PAYMENT =
      List.of("PayPal", "Credit Card", "Cash", "Debit Card", "Venmo", "Bank Transfer");

  private static final List<String> SIZES = List.of("S", "M", "L", "XL");
  private static final Choice<String> MENS_SIZE = Choice.of(SIZES, 10, 42, 32, 16);
  private static final Choice<String> WOMENS_SIZE = Choice.of(SIZES, 26, 48, 20, 6);
  private static final Choice<String> COLOR = Choice.of(
      List.of("Black", "White", "Gray", "Charcoal", "Beige", "Brown", "Silver", "Maroon", "Red", "Pink",
          "Orange", "Yellow", "Olive", "Green", "Teal", "Turquoise", "Blue", "Indigo", "Purple", "Lavender"),
      8, 7, 7, 5, 5, 5, 5, 4, 5, 4, 3, 3, 4, 5, 4, 4, 6, 4, 4, 3);
  // Weighted by population (2020 census, in hundred thousands), as a national retailer's customers are.
  private static final Choice<String> LOCATION = Choice.of(
      List.of("Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware",
          "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky",
          "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri",
          "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey", "New Mexico", "New York",
          "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island",
          "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "Washington",
          "West Virginia", "Wisconsin", "Wyoming"),
      50, 7, 72, 30, 395, 58, 36, 10,
      215, 107, 15, 18, 128, 68, 32, 29, 45,
      47, 14, 62, 70, 101, 57, 30, 62,
      11, 20, 31, 14, 93, 21, 202,
      104, 8, 118, 40, 42, 130, 11,
      51, 9, 69, 291, 33, 6, 86, 77,
      18, 59, 6);

  /*
   * Weight columns: categories are Clothing, Accessories, Footwear, Outerwear; frequency follows
   * Frequency (Weekly, Bi-Weekly, Fortnightly, Monthly, Quarterly, Every 3 Months, Annually);
   * shipping and payment follow SHIPPING and PAYMENT above.
   */
  static final List<Behaviour> ALL = List.of(
      new Builder("Loyal premium", 0.14,
          "Spends the most on dear items, subscribed, buys weekly to monthly, many previous purchases, "
              + "rates highly, rarely uses discounts, ships express and pays by card")
          .age(44, 10).male(0.60)
          .categories(38, 27, 17, 18).priceTaste(1.5).amount(120, 0.25)
          .rating(4.4, 0.45).subscribed(0.85).discount(0.25).promoCode(0.70, 0.05)
          .previousPurchases(40, 10)
          .frequency(30, 14, 10, 30, 8, 6, 2)
          .shipping(8, 5, 4, 28, 35, 20)
          .payment(22, 42, 3, 10, 5, 18)
          .build(),
      new Builder("Deal seeker", 0.22,
          "Buys cheap items with a discount and usually a promo code, spends little, "
              + "takes free shipping or store pickup, pays by debit card or cash")
          .age(38, 12).male(0.55)
          .categories(45, 30, 15, 10).priceTaste(-1.0).amount(48, 0.35)
          .rating(3.6, 0.7).subscribed(0.35).discount(0.85).promoCode(0.80, 0.30)
          .previousPurchases(22, 12)
          .frequency(6, 10, 9, 30, 20, 17, 8)
          .shipping(40, 25, 25, 2, 3, 5)
          .payment(20, 15, 20, 30, 10, 5)
          .build(),
      new Builder("Quality-focused", 0.16,
          "Pays full price for fewer, dearer footwear, outerwear and accessories, buys a few times a year, "
              + "rates carefully, pays by credit card or bank transfer")
          .age(47, 11).male(0.50)
          .categories(25, 30, 25, 20).priceTaste(1.0).amount(100, 0.25)
          .rating(4.0, 0.8).subscribed(0.40).discount(0.12).promoCode(0.60, 0.04)
          .previousPurchases(20, 10)
          .frequency(2, 4, 4, 20, 28, 25, 17)
          .shipping(10, 30, 10, 10, 15, 25)
          .payment(15, 45, 5, 10, 2, 23)
          .build(),
      new Builder("Frequent casual", 0.20,
          "Buys everyday clothing every week or two at modest prices, often discounted, "
              + "half subscribed, free or standard shipping")
          .age(34, 10).male(0.60)
          .categories(60, 20, 15, 5).priceTaste(-0.3).amount(62, 0.30)
          .rating(3.9, 0.6).subscribed(0.50).discount(0.45).promoCode(0.65, 0.15)
          .previousPurchases(30, 12)
          .frequency(35, 20, 18, 17, 4, 4, 2)
          .shipping(30, 25, 15, 5, 8, 17)
          .payment(22, 25, 10, 28, 12, 3)
          .build(),
      new Builder("Occasional or lapsing", 0.18,
          "Older, almost never subscribed, buys once or a few times a year, few previous purchases, "
              + "lowest ratings, standard shipping, pays cash or debit card")
          .age(52, 12).male(0.70)
          .categories(40, 30, 18, 12).priceTaste(0).amount(58, 0.40)
          .rating(3.0, 0.9).subscribed(0.05).discount(0.20).promoCode(0.50, 0.05)
          .previousPurchases(6, 5)
          .frequency(1, 2, 2, 8, 25, 22, 40)
          .shipping(25, 40, 20, 3, 4, 8)
          .payment(10, 20, 32, 25, 3, 10)
          .build(),
      new Builder("Young trend-follower", 0.10,
          "Mostly under 30 and female, trend clothing, accessories and sneakers, promo codes from social media, "
              + "fast shipping, pays by Venmo or PayPal")
          .age(23, 4).male(0.40)
          .categories(50, 30, 17, 3).priceTaste(0.3).amount(70, 0.35)
          .rating(4.0, 0.7).subscribed(0.25).discount(0.40).promoCode(0.75, 0.35)
          .previousPurchases(10, 7)
          .frequency(12, 18, 16, 34, 10, 7, 3)
          .shipping(25, 8, 5, 25, 22, 15)
          .payment(30, 10, 3, 15, 40, 2)
          .build());

  private static final Choice<Behaviour> TYPES =
      Choice.of(ALL, ALL.stream().mapToDouble(behaviour -> behaviour.type.share()).toArray());

  private final LatentType type;
  private final double ageMean;
  private final double ageSpread;
  private final double maleChance;
  private final Choice<Category> categories;
  private final Map<Category, Choice<Category.Item>> itemsForMen;
  private final Map<Category, Choice<Category.Item>> itemsForWomen;
  private final double amountMedian;
  private final double amountSpread;
  private final double ratingMean;
  private final double ratingSpread;
  private final double subscribeChance;
  private final double discountChance;
  private final double promoChanceWithDiscount;
  private final double promoChanceWithoutDiscount;
  private final double previousMean;
  private final double previousSpread;
  private final Choice<Frequency> frequencies;
  private final Choice<String> shippingTypes;
  private final Choice<String> paymentMethods;

  private Behaviour(Builder builder) {
    this.type = new LatentType(builder.name, builder.share, builder.description);
    this.ageMean = between("mean age", builder.ageMean, MIN_AGE, MAX_AGE);
    this.ageSpread = positive("age spread", builder.ageSpread);
    this.maleChance = between("male share", builder.maleShare, 0, 1);
    this.categories = Objects.requireNonNull(builder.categories, "categories are not set for " + builder.name);
    this.itemsForMen = new EnumMap<>(Category.class);
    this.itemsForWomen = new EnumMap<>(Category.class);
    for (Category category : Category.values()) {
      itemsForMen.put(category, category.itemsFor(builder.priceTaste, true));
      itemsForWomen.put(category, category.itemsFor(builder.priceTaste, false));
    }
    this.amountMedian = between("amount median", builder.amountMedian, MIN_AMOUNT, MAX_AMOUNT);
    this.amountSpread = positive("amount spread", builder.amountSpread);
    this.ratingMean = between("mean rating", builder.ratingMean, 1, 5);
    this.ratingSpread = positive("rating spread", builder.ratingSpread);
    this.subscribeChance = between("subscribed", builder.subscribed, 0, 1);
    this.discountChance = between("discount", builder.discount, 0, 1);
    this.promoChanceWithDiscount = between("promo code with discount", builder.promoWithDiscount, 0, 1);
    this.promoChanceWithoutDiscount = between("promo code without discount", builder.promoWithoutDiscount, 0, 1);
    this.previousMean = between("mean previous purchases", builder.previousMean, 0, MAX_PREVIOUS_PURCHASES);
    this.previousSpread = positive("previous purchases spread", builder.previousSpread);
    this.frequencies = Objects.requireNonNull(builder.frequencies, "frequency is not set for " + builder.name);
    this.shippingTypes = Objects.requireNonNull(builder.shippingTypes, "shipping is not set for " + builder.name);
    this.paymentMethods = Objects.requireNonNull(builder.paymentMethods, "payment is not set for " + builder.name);
  }

  static Behaviour pick(Draws draws) {
    return TYPES.pick(draws);
  }

  LatentType type() {
    return type;
  }

  /** Draws one customer of this type. The order of the draws is part of the output: changing it changes every row. */
  CustomerRow drawCustomer(int id, Draws draws) {
    int age = (int) Math.round(draws.normalBetween(ageMean, ageSpread, MIN_AGE, MAX_AGE));
    boolean man = draws.chance(maleChance);
    Category category = categories.pick(draws);
    Category.Item item = (man ? itemsForMen : itemsForWomen).get(category).pick(draws);
    String season = category.drawSeason(draws);
    String size = (man ? MENS_SIZE : WOMENS_SIZE).pick(draws);
    String color = COLOR.pick(draws);
    boolean subscribed = draws.chance(subscribeChance);
    boolean discountApplied = draws.chance(discountChance);
    boolean promoCodeUsed = draws.chance(discountApplied ? promoChanceWithDiscount : promoChanceWithoutDiscount);
    int amount = drawAmount(item, discountApplied, draws);
    int ratingTenths = (int) Math.round(10 * draws.normalBetween(ratingMean, ratingSpread, 1, 5));
    int previousPurchases = (int) Math.round(draws.normalBetween(previousMean, previousSpread, 0, MAX_PREVIOUS_PURCHASES));
    Frequency frequency = frequencies.pick(draws);
    String shipping = shippingTypes.pick(draws);
    String payment = paymentMethods.pick(draws);
    String location = LOCATION.pick(draws);
    return new CustomerRow(id, age, man ? "Male" : "Female", item.name(), category.label(), amount, location, size, color, season,
        ratingTenths, subscribed, shipping, discountApplied, promoCodeUsed, previousPurchases, payment, frequency);
  }

  /** Log-normal around the type's median, scaled by the item's price factor and any discount. */
  private int drawAmount(Category.Item item, boolean discountApplied, Draws draws) {
    double median = amountMedian * item.priceFactor() * (discountApplied ? DISCOUNT_FACTOR : 1);
    double amount;
    do {
      amount = median * StrictMath.exp(amountSpread * draws.gaussian());
    } while (amount < MIN_AMOUNT || amount > MAX_AMOUNT);
    return (int) Math.round(amount);
  }

  private double positive(String what, double value) {
    if (!(value > 0)) throw new IllegalArgumentException(what + " of " + type.name() + " must be positive, was " + value);
    return value;
  }

  /** Also keeps the redrawing in {@link Draws#normalBetween} from running for ever on a mean far outside its range. */
  private double between(String what, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(what + " of " + type.name() + " must be from " + min + " to " + max + ", was " + value);
    }
    return value;
  }

  /** Reads as a table of the type's traits; every trait must be set. */
  private static final class Builder {
    private final String name;
    private final double share;
    private final String description;
    private double ageMean;
    private double ageSpread;
    private double maleShare;
    private Choice<Category> categories;
    private double priceTaste;
    private double amountMedian;
    private double amountSpread;
    private double ratingMean;
    private double ratingSpread;
    private double subscribed;
    private double discount;
    private double promoWithDiscount;
    private double promoWithoutDiscount;
    private double previousMean;
    private double previousSpread;
    private Choice<Frequency> frequencies;
    private Choice<String> shippingTypes;
    private Choice<String> paymentMethods;

    Builder(String name, double share, String description) {
      this.name = name;
      this.share = share;
      this.description = description;
    }

    Builder age(double mean, double spread) {
      this.ageMean = mean;
      this.ageSpread = spread;
      return this;
    }

    Builder male(double share) {
      this.maleShare = share;
      return this;
    }

    Builder categories(double clothing, double accessories, double footwear, double outerwear) {
      this.categories = Choice.of(List.of(Category.values()), clothing, accessories, footwear, outerwear);
      return this;
    }

    /** Above zero favours dear items within a category, below zero cheap ones. */
    Builder priceTaste(double taste) {
      this.priceTaste = taste;
      return this;
    }

    /** Median before the item's price factor, and the spread of its logarithm. */
    Builder amount(double median, double logSpread) {
      this.amountMedian = median;
      this.amountSpread = logSpread;
      return this;
    }

    Builder rating(double mean, double spread) {
      this.ratingMean = mean;
      this.ratingSpread = spread;
      return this;
    }

    Builder subscribed(double probability) {
      this.subscribed = probability;
      return this;
    }

    Builder discount(double probability) {
      this.discount = probability;
      return this;
    }

    /** Promo codes mostly come with a discount, but not always, and not every discount needs one. */
    Builder promoCode(double withDiscount, double withoutDiscount) {
      this.promoWithDiscount = withDiscount;
      this.promoWithoutDiscount = withoutDiscount;
      return this;
    }

    Builder previousPurchases(double mean, double spread) {
      this.previousMean = mean;
      this.previousSpread = spread;
      return this;
    }

    Builder frequency(double... weights) {
      this.frequencies = Choice.of(List.of(Frequency.values()), weights);
      return this;
    }

    Builder shipping(double... weights) {
      this.shippingTypes = Choice.of(SHIPPING, weights);
      return this;
    }

    Builder payment(double... weights) {
      this.paymentMethods = Choice.of(PAYMENT, weights);
      return this;
    }

    Behaviour build() {
      return new Behaviour(this);
    }
  }
}
