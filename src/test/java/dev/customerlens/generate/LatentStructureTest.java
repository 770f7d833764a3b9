package dev.customerlens.generate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.data.Dataset;
import dev.customerlens.data.Field;
import dev.customerlens.data.ReadOptions;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.Selection;

/** The hidden types must show through as the correlations an analyst would look for. */
class LatentStructureTest {
  private static Table customers;

  @BeforeAll
  static void generate() {
    StringWriter out = new StringWriter();
    SyntheticCustomers.withSeed(2024).rows(20_000).writeCsv(out);
    customers = Dataset.read(new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8)),
        "latent.csv", ReadOptions.strict()).table();
  }

  private static double mean(Field field, Selection rows) {
    return customers.where(rows).numberColumn(field.header()).mean();
  }

  private static BooleanColumn yesNo(Field field) {
    return customers.booleanColumn(field.header());
  }

  @Test
  void subscribersHaveMorePreviousPurchasesThanNonSubscribers() {
    BooleanColumn subscribed = yesNo(Field.SUBSCRIPTION_STATUS);

    double subscribers = mean(Field.PREVIOUS_PURCHASES, subscribed.isTrue());
    double others = mean(Field.PREVIOUS_PURCHASES, subscribed.isFalse());
    assertTrue(subscribers > others + 5, "subscribers " + subscribers + " vs others " + others);
  }

  @Test
  void subscribersSpendMoreThanNonSubscribers() {
    BooleanColumn subscribed = yesNo(Field.SUBSCRIPTION_STATUS);

    double subscribers = mean(Field.PURCHASE_AMOUNT, subscribed.isTrue());
    double others = mean(Field.PURCHASE_AMOUNT, subscribed.isFalse());
    assertTrue(subscribers > others + 10, "subscribers " + subscribers + " vs others " + others);
  }

  @Test
  void discountUsersSpendLessOnAverage() {
    BooleanColumn discount = yesNo(Field.DISCOUNT_APPLIED);

    double discounted = mean(Field.PURCHASE_AMOUNT, discount.isTrue());
    double fullPrice = mean(Field.PURCHASE_AMOUNT, discount.isFalse());
    assertTrue(discounted < fullPrice - 10, "discounted " + discounted + " vs full price " + fullPrice);
  }

  @Test
  void discountAndPromoCodeAgreeOftenButNotAlways() {
    BooleanColumn discount = yesNo(Field.DISCOUNT_APPLIED);
    BooleanColumn promo = yesNo(Field.PROMO_CODE_USED);

    int promoWithoutDiscount = discount.isFalse().and(promo.isTrue()).size();
    int discountWithoutPromo = discount.isTrue().and(promo.isFalse()).size();
    double agreement = 1 - (promoWithoutDiscount + discountWithoutPromo) / (double) customers.rowCount();
    assertTrue(agreement > 0.7 && agreement < 0.95, "agreement " + agreement);
    assertTrue(promoWithoutDiscount > 0 && discountWithoutPromo > 0);
  }

  @Test
  void frequentBuyersHaveMorePreviousPurchasesThanAnnualOnes() {
    var frequency = customers.stringColumn(Field.FREQUENCY.header());

    double weekly = mean(Field.PREVIOUS_PURCHASES, frequency.isEqualTo("Weekly"));
    double annually = mean(Field.PREVIOUS_PURCHASES, frequency.isEqualTo("Annually"));
    assertTrue(weekly > annually + 10, "weekly " + weekly + " vs annually " + annually);
  }

  @Test
  void expressShippersSpendMoreThanStorePickupCustomers() {
    var shipping = customers.stringColumn(Field.SHIPPING_TYPE.header());

    double express = mean(Field.PURCHASE_AMOUNT, shipping.isEqualTo("Express"));
    double pickup = mean(Field.PURCHASE_AMOUNT, shipping.isEqualTo("Store Pickup"));
    assertTrue(express > pickup + 10, "express " + express + " vs store pickup " + pickup);
  }

  @Test
  void youngerCustomersPayByVenmoMoreOftenThanOlderOnes() {
    var age = customers.intColumn(Field.AGE.header());
    var venmo = customers.stringColumn(Field.PAYMENT_METHOD.header()).isEqualTo("Venmo");

    double young = share(venmo, age.isLessThan(30));
    double older = share(venmo, age.isGreaterThanOrEqualTo(45));
    assertTrue(young > 2 * older, "under 30 " + young + " vs 45 and over " + older);
  }

  @Test
  void outerwearSellsMostlyInFallAndWinter() {
    var category = customers.stringColumn(Field.CATEGORY.header());
    var season = customers.stringColumn(Field.SEASON.header());

    double cold = share(season.isIn("Fall", "Winter"), category.isEqualTo("Outerwear"));
    assertTrue(cold > 0.7, "fall and winter share of outerwear " + cold);
  }

  @Test
  void coatsCostMoreThanSocks() {
    var item = customers.stringColumn(Field.ITEM_PURCHASED.header());

    double coats = mean(Field.PURCHASE_AMOUNT, item.isEqualTo("Coat"));
    double socks = mean(Field.PURCHASE_AMOUNT, item.isEqualTo("Socks"));
    assertTrue(coats > 2 * socks, "coats " + coats + " vs socks " + socks);
  }

  /** Fraction of {@code within} that is also in {@code rows}. */
  private static double share(Selection rows, Selection within) {
    return Selection.with(rows.toArray()).and(within).size() / (double) within.size();
  }
}
