package dev.customerlens.data;

import java.math.BigDecimal;

/** Turns one raw cell into its typed value, or explains why it cannot. Blank optional cells are null. */
public final class CellParser {
  private CellParser() {}

  public static Object parse(Field field, String raw) {
    String text = raw.strip();
    if (text.isEmpty()) {
      if (field.required()) throw new IllegalArgumentException("is empty; " + field.expectation());
      return null;
    }
    return switch (field.kind()) {
      case ID, TEXT -> text;
      case AGE -> {
        int age = wholeNumber(field, text);
        if (age < Field.MIN_AGE || age > Field.MAX_AGE) {
          throw new IllegalArgumentException("is not a plausible age; " + field.expectation());
        }
        yield age;
      }
      case COUNT -> {
        int count = wholeNumber(field, text);
        if (count < 0) throw new IllegalArgumentException("is negative; " + field.expectation());
        yield count;
      }
      case MONEY -> {
        double amount = number(field, text.startsWith("$") ? text.substring(1) : text);
        if (amount < 0) throw new IllegalArgumentException("is negative; " + field.expectation());
        yield amount;
      }
      case RATING -> {
        double rating = number(field, text);
        if (rating < 1 || rating > 5) throw new IllegalArgumentException("is outside 1 to 5; " + field.expectation());
        yield rating;
      }
      case YES_NO -> {
        if (text.equalsIgnoreCase("yes")) yield Boolean.TRUE;
        if (text.equalsIgnoreCase("no")) yield Boolean.FALSE;
        throw new IllegalArgumentException("is not Yes or No; " + field.expectation());
      }
      case FREQUENCY -> Frequency.parse(text)
          .map(Frequency::label)
          .orElseThrow(() -> new IllegalArgumentException("is not a known purchase frequency; " + field.expectation()));
    };
  }

  private static int wholeNumber(Field field, String text) {
    try {
      return new BigDecimal(text).intValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("is not a whole number; " + field.expectation());
    }
  }

  private static double number(Field field, String text) {
    try {
      double value = new BigDecimal(text).doubleValue();
      if (!Double.isFinite(value)) throw new NumberFormatException();
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("is not a number; " + field.expectation());
    }
  }
}
