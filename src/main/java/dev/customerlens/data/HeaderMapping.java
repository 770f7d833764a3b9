package dev.customerlens.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where each schema column sits in a file's header, which header cells are extra, and which choices
 * the matching made. A header names a field exactly when it equals the field's name ignoring case,
 * spaces, underscores and a unit suffix; it names it loosely when the field's words appear in it
 * ({@code Preferred_Payment_Method} for Payment Method). An exact name wins over a loose one, a
 * choice made with {@link ColumnMapping} ({@code --columns payment=Preferred_Payment_Method}) over
 * both, and every header that could have been used but was not is recorded in {@link #choices()}.
 */
public final class HeaderMapping {
  private final Map<Field, Integer> indexes;
  private final List<Integer> extraIndexes;
  private final List<String> extraNames;
  private final List<Field> missing;
  private final List<HeaderChoice> choices;
  private final int width;

  private HeaderMapping(Map<Field, Integer> indexes, List<Integer> extraIndexes, List<String> extraNames,
      List<Field> missing, List<HeaderChoice> choices, int width) {
    this.indexes = indexes;
    this.extraIndexes = extraIndexes;
    this.extraNames = extraNames;
    this.missing = missing;
    this.choices = choices;
    this.width = width;
  }

  /**
   * Every schema column must be present: for readers with a fixed row layout (batch scoring, Spark).
   * A missing column is an error naming it.
   */
  public static HeaderMapping of(String file, List<String> cells) {
    return of(file, cells, ColumnMapping.none(), false);
  }

  /**
   * Columns that are {@link Field#optional()} may be absent ({@link #missing()}); {@code chosen}
   * settles which header plays which part where the user said so.
   */
  public static HeaderMapping of(String file, List<String> cells, ColumnMapping chosen) {
    return of(file, cells, chosen, true);
  }

  private static HeaderMapping of(String file, List<String> cells, ColumnMapping chosen, boolean optionalMayLack) {
    List<String> headers = cells.stream().map(h -> h.replace("\uFEFF", "").strip()).toList();
    // Each header's comparable forms, made once: a file whose first line is not a header can have a huge one.
    List<String> normalised = headers.stream().map(Field::normalise).toList();
    List<List<String>> words = headers.stream().map(HeaderMapping::words).toList();
    chosen.requireParts(Field.keys(), "a customer table");
    Map<Field, Integer> indexes = new EnumMap<>(Field.class);
    Map<Field, HeaderChoice.How> how = new EnumMap<>(Field.class);
    List<Issue> issues = new ArrayList<>();
    for (Field field : Field.values()) {
      chosen.header(field.key()).ifPresent(wanted -> {
        int i = ColumnMapping.indexOf(headers, wanted);
        if (i < 0) {
          issues.add(new Issue(file, 1, 0, field.header(), null, "--columns " + field.key() + "=" + wanted
              + " names a header the file does not have; found: " + Issue.listed(headers)));
        } else if (indexes.containsValue(i)) {
          issues.add(new Issue(file, 1, i + 1, field.header(), null, "--columns gives \"" + headers.get(i)
              + "\" to two parts; a column can play one part"));
        } else {
          indexes.put(field, i);
          how.put(field, HeaderChoice.How.CHOSEN);
        }
      });
    }
    for (int i = 0; i < headers.size(); i++) {
      if (indexes.containsValue(i)) continue;
      for (Field field : Field.values()) {
        if (how.get(field) == HeaderChoice.How.CHOSEN || !normalised.get(i).equals(field.normalisedHeader())) continue;
        Integer earlier = indexes.putIfAbsent(field, i);
        if (earlier != null) {
          issues.add(new Issue(file, 1, i + 1, headers.get(i), null,
              "names the same column as column " + (earlier + 1) + " (\"" + headers.get(earlier) + "\"); choose one with --columns "
                  + field.key() + "=HEADER"));
        } else {
          how.put(field, HeaderChoice.How.EXACT_NAME);
        }
      }
    }
    for (Field field : Field.values()) {
      if (indexes.containsKey(field)) continue;
      for (int i = 0; i < headers.size(); i++) {
        if (!indexes.containsValue(i) && loosely(words.get(i), field)) {
          indexes.put(field, i);
          how.put(field, HeaderChoice.How.SIMILAR_NAME);
          break;
        }
      }
    }
    Set<Integer> used = new HashSet<>(indexes.values());
    List<Field> missing = new ArrayList<>();
    for (Field field : Field.values()) {
      if (indexes.containsKey(field)) continue;
      if (optionalMayLack && field.optional()) missing.add(field);
      else issues.add(missing(file, field, headers, normalised, used, optionalMayLack));
    }
    if (!issues.isEmpty()) throw new DataFileException(file, issues, 0);
    List<HeaderChoice> choices = new ArrayList<>();
    for (Field field : Field.values()) {
      Integer at = indexes.get(field);
      if (at == null) continue;
      List<String> setAside = new ArrayList<>();
      for (int i = 0; i < headers.size(); i++) {
        if (!used.contains(i) && (normalised.get(i).equals(field.normalisedHeader()) || loosely(words.get(i), field))) {
          setAside.add(headers.get(i));
        }
      }
      if (!setAside.isEmpty() || how.get(field) != HeaderChoice.How.EXACT_NAME) {
        choices.add(new HeaderChoice(field, headers.get(at), at + 1, how.get(field), setAside));
      }
    }
    List<Integer> extraIndexes = new ArrayList<>();
    List<String> extraNames = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    for (Field f : Field.values()) taken.add(f.header());
    for (int i = 0; i < headers.size(); i++) {
      if (used.contains(i)) continue;
      extraIndexes.add(i);
      String name = headers.get(i).isEmpty() ? "column " + (i + 1) : headers.get(i);
      while (!taken.add(name)) name = name + " (" + (i + 1) + ")";
      extraNames.add(name);
    }
    return new HeaderMapping(indexes, List.copyOf(extraIndexes), List.copyOf(extraNames), List.copyOf(missing),
        List.copyOf(choices), headers.size());
  }

  /** The field's words, in order, among the header's words: "Preferred_Payment_Method" holds "payment method". */
  private static boolean loosely(List<String> headerWords, Field field) {
    return Collections.indexOfSubList(headerWords, words(field.header())) >= 0;
  }

  /** Lower-case words, split at anything but letters and digits and between camelCase humps; units in brackets dropped. */
  private static List<String> words(String header) {
    String spaced = header.replaceAll("\\(.*?\\)", " ").replaceAll("([a-z0-9])([A-Z])", "$1 $2");
    return Arrays.stream(spaced.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")).filter(w -> !w.isEmpty()).toList();
  }

  private static Issue missing(String file, Field field, List<String> headers, List<String> normalised,
      Set<Integer> used, boolean optionalMayLack) {
    List<String> unused = new ArrayList<>();
    for (int i = 0; i < normalised.size(); i++) unused.add(used.contains(i) ? null : normalised.get(i));
    int closest = closestNormalised(field, unused);
    String found = (optionalMayLack || !field.optional() ? "" : "this reader needs every schema column "
        + "(lens analyze reads a table without it); ") + "found: " + Issue.listed(headers);
    if (closest >= 0) {
      return new Issue(file, 1, closest + 1, field.header(), null, "column is missing; the closest header is \""
          + headers.get(closest) + "\" (column " + (closest + 1) + "), is it misspelt? " + found);
    }
    return new Issue(file, 1, 0, field.header(), null, "column is missing; " + found);
  }

  /** The index of the header (null entries skipped) close enough to the field's name to be a misspelling of it, or -1. */
  static int closest(Field field, List<String> headers) {
    return closestNormalised(field, headers.stream().map(h -> h == null ? null : Field.normalise(h)).toList());
  }

  private static int closestNormalised(Field field, List<String> normalised) {
    int closest = -1;
    int best = Integer.MAX_VALUE;
    int allowed = Math.max(2, field.normalisedHeader().length() / 3);
    for (int i = 0; i < normalised.size(); i++) {
      String header = normalised.get(i);
      // The distance is at least the difference in lengths: so a huge header is not compared at all.
      if (header == null || Math.abs(header.length() - field.normalisedHeader().length()) > allowed) continue;
      int distance = editDistance(header, field.normalisedHeader());
      if (distance < best) {
        best = distance;
        closest = i;
      }
    }
    return closest >= 0 && best <= allowed ? closest : -1;
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) previous[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** The field's 0-based position in the header; -1 for a field the file lacks ({@link #missing()}). */
  public int index(Field field) {
    return indexes.getOrDefault(field, -1);
  }

  public int columnNumber(Field field) {
    return index(field) + 1;
  }

  /** Optional fields the header lacks, in schema order. */
  public List<Field> missing() {
    return missing;
  }

  /** Fields read from a header other than their exact name, or whose header had rivals that were set aside. */
  public List<HeaderChoice> choices() {
    return choices;
  }

  public int width() {
    return width;
  }

  /** Where the columns outside the schema are, in header order. */
  public List<Integer> extraIndexes() {
    return extraIndexes;
  }

  /** The headers of the columns outside the schema, in header order. */
  public List<String> extraColumns() {
    return extraNames;
  }
}
