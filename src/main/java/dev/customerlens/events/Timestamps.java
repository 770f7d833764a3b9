package dev.customerlens.events;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;

/**
 * The timestamp formats logs are read in, one rule for both layouts:
 *
 * <ul>
 *   <li>ISO-8601 date and time, {@code 2024-03-05T14:30}, with optional seconds and fraction, and
 *       optionally a space for the T ({@code 2009-12-01 07:45:00}, as in Online Retail II);
 *   <li>the same followed by {@code Z} or an offset such as {@code +01:00}: the wall-clock time as
 *       written is kept and the offset dropped, because hour-of-day patterns are about the shopper's
 *       own clock;
 *   <li>US month-first {@code 12/1/2010 8:26} with optional seconds, as in the 2011 UCI "Online
 *       Retail" release; {@code 1/12/2010} is therefore 12 January, never 1 December;
 *   <li>epoch seconds, nine or ten digits ({@code 1709649000}), read as UTC;
 *   <li>a date alone ({@code 2024-03-05} or {@code 3/5/2024}) means the start of that day, and the
 *       caller is told the time of day is unknown.
 * </ul>
 *
 * Impossible dates such as 2023-02-30 are rejected rather than rolled over.
 */
final class Timestamps {
  static final String EXPECTATION = "expected ISO-8601 such as 2024-03-05T14:30:00, 2024-03-05 14:30 or "
      + "2024-03-05T14:30:00+01:00, month-first 3/5/2024 14:30, or epoch seconds such as 1709649000";
  /** The earliest plausible timestamp of a purchase or event. */
  static final LocalDateTime EARLIEST = LocalDateTime.of(1990, 1, 1, 0, 0);

  private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd")
      .optionalStart()
      .appendLiteral('T')
      .appendPattern("HH:mm")
      .optionalStart().appendPattern(":ss").optionalStart()
      .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().optionalEnd()
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
      .optionalEnd()
      .toFormatter()
      .withResolverStyle(ResolverStyle.STRICT);

  private static final DateTimeFormatter US = new DateTimeFormatterBuilder()
      .appendPattern("M/d/uuuu")
      .optionalStart()
      .appendLiteral(' ')
      .appendPattern("H:mm")
      .optionalStart().appendPattern(":ss").optionalEnd()
      .optionalEnd()
      .toFormatter()
      .withResolverStyle(ResolverStyle.STRICT);

  private Timestamps() {}

  /** The wall-clock time, or the start of the day for a date alone; throws with {@link #EXPECTATION}. */
  static LocalDateTime parse(String raw) {
    String text = raw.strip();
    if (isPlain(text)) return plain(text);
    if (isEpochSeconds(text)) return LocalDateTime.ofEpochSecond(Long.parseLong(text), 0, java.time.ZoneOffset.UTC);
    try {
      if (text.indexOf('/') >= 0) return resolve(US, text);
      if (text.length() > 10 && text.charAt(10) == ' ') text = text.substring(0, 10) + 'T' + text.substring(11).strip();
      return resolve(ISO, text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("is not a date and time; " + EXPECTATION);
    }
  }

  /** 2024-03-05T14:30:00 or 2024-03-05 14:30:00: by far the commonest form, read without a formatter. */
  private static boolean isPlain(String text) {
    if (text.length() != 19) return false;
    for (int i = 0; i < 19; i++) {
      char c = text.charAt(i);
      boolean ok = switch (i) {
        case 4, 7 -> c == '-';
        case 10 -> c == 'T' || c == ' ';
        case 13, 16 -> c == ':';
        default -> c >= '0' && c <= '9';
      };
      if (!ok) return false;
    }
    return true;
  }

  /**
   * Nine or ten digits: seconds since 1970 (UTC), from 1973 to 2286. Shorter or longer runs of
   * digits are too easily something else (a yyyyMMdd date, milliseconds) to read as seconds.
   */
  private static boolean isEpochSeconds(String text) {
    if (text.length() < 9 || text.length() > 10) return false;
    for (int i = 0; i < text.length(); i++) if (text.charAt(i) < '0' || text.charAt(i) > '9') return false;
    return true;
  }

  private static LocalDateTime plain(String text) {
    try {
      return LocalDateTime.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10), digits(text, 11, 13),
          digits(text, 14, 16), digits(text, 17, 19));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("is not a date and time; " + EXPECTATION);
    }
  }

  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) value = value * 10 + (text.charAt(i) - '0');
    return value;
  }

  /** The families of formats; one file keeps to one, so that 1/2/2011 cannot mean two days in one log. */
  enum Family {
    ISO("ISO-8601 (2011-01-02 08:26)"),
    MONTH_FIRST("month-first (1/2/2011 8:26)"),
    EPOCH_SECONDS("epoch seconds (1294000000)");

    final String label;

    Family(String label) {
      this.label = label;
    }
  }

  /** The family of a timestamp that {@link #parse} accepted. */
  static Family family(String raw) {
    String text = raw.strip();
    if (isEpochSeconds(text)) return Family.EPOCH_SECONDS;
    return text.indexOf('/') >= 0 ? Family.MONTH_FIRST : Family.ISO;
  }

  /** Whether the text names a time of day and not just a date. */
  static boolean hasTimeOfDay(String raw) {
    return raw.indexOf(':') >= 0 || isEpochSeconds(raw.strip());
  }

  private static LocalDateTime resolve(DateTimeFormatter format, String text) {
    var parsed = format.parse(text);
    LocalDate date = LocalDate.from(parsed);
    if (!parsed.isSupported(ChronoField.HOUR_OF_DAY)) return date.atStartOfDay();
    return date.atTime(parsed.get(ChronoField.HOUR_OF_DAY), parsed.get(ChronoField.MINUTE_OF_HOUR),
        parsed.isSupported(ChronoField.SECOND_OF_MINUTE) ? parsed.get(ChronoField.SECOND_OF_MINUTE) : 0,
        parsed.isSupported(ChronoField.NANO_OF_SECOND) ? parsed.get(ChronoField.NANO_OF_SECOND) : 0);
  }
}
