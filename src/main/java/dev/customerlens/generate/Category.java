package dev.customerlens.generate;

import java.util.List;

/**
 * The four product categories with their items. Each item's price factor scales a behaviour
 * type's typical spend, so that a coat costs more than socks whoever buys it.
 */
enum Category {
  CLOTHING("Clothing", seasons(26, 27, 24, 23),
      Item.womenswear("Blouse", 0.9), new Item("Pants", 1.0), new Item("Shirt", 0.9), Item.womenswear("Dress", 1.2),
      new Item("Sweater", 1.1), new Item("Socks", 0.4), Item.womenswear("Skirt", 0.9), new Item("Shorts", 0.7),
      new Item("Hoodie", 0.9), new Item("T-shirt", 0.5), new Item("Jeans", 1.1)),
  ACCESSORIES("Accessories", seasons(25, 26, 24, 25),
      new Item("Jewelry", 1.4), new Item("Sunglasses", 1.0), new Item("Belt", 0.6), new Item("Scarf", 0.6),
      new Item("Hat", 0.5), Item.womenswear("Handbag", 1.4), new Item("Backpack", 0.9), new Item("Gloves", 0.5)),
  FOOTWEAR("Footwear", seasons(26, 29, 25, 20),
      new Item("Sandals", 0.7), new Item("Shoes", 1.2), new Item("Sneakers", 1.1), new Item("Boots", 1.4)),
  // Coats and jackets sell when it is cold.
  OUTERWEAR("Outerwear", seasons(15, 5, 36, 44),
      new Item("Jacket", 1.4), new Item("Coat", 1.7));

  /** Men still buy womenswear now and then, mostly as gifts; this scales its weight for them. */
  private static final double WOMENSWEAR_WEIGHT_FOR_MEN = 0.1;

  record Item(String name, double priceFactor, boolean womenswear) {
    Item(String name, double priceFactor) {
      this(name, priceFactor, false);
    }

    static Item womenswear(String name, double priceFactor) {
      return new Item(name, priceFactor, true);
    }
  }

  private final String label;
  private final Choice<String> season;
  private final List<Item> items;

  Category(String label, Choice<String> season, Item... items) {
    this.label = label;
    this.season = season;
    this.items = List.of(items);
  }

  String label() {
    return label;
  }

  String drawSeason(Draws draws) {
    return season.pick(draws);
  }

  /**
   * Items weighted by price factor raised to {@code taste}: above zero favours dear items, below
   * zero cheap ones, zero picks evenly.
   */
  Choice<Item> itemsFor(double taste, boolean man) {
    return Choice.of(items, items.stream()
        .mapToDouble(item -> StrictMath.pow(item.priceFactor(), taste)
            * (man && item.womenswear() ? WOMENSWEAR_WEIGHT_FOR_MEN : 1))
        .toArray());
  }

  /** A static method because enum constants are built before any static field of their enum. */
  private static Choice<String> seasons(double spring, double summer, double fall, double winter) {
    return Choice.of(List.of("Spring", "Summer", "Fall", "Winter"), spring, summer, fall, winter);
  }
}
