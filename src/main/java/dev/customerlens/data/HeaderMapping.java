package dev.customerlens.data;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Where each schema column sits in a file's header, and which header cells are extra. */
public final class HeaderMapping {
  private final Map<Field, Integer> indexes;
  private final List<Integer> extraIndexes;
  private final List<String> extraNames;
  private final int width;

  private HeaderMapping(Map<Field, Integer> indexes, List<Integer> extraIndexes, List<String> extraNames, int width) {
    this.indexes = indexes;
    this.extraIndexes = extraIndexes;
    this.extraNames = extraNames;
    this.width = width;
  }

  public static HeaderMapping of(String file, List<String> cells) {
    List<String> headers = cells.stream().map(h -> h.replace("\uFEFF", "").strip()).toList();
    Map<Field, Integer> indexes = new EnumMap<>(Field.class);
    List<Issue> issues = new ArrayList<>();
    for (int i = 0; i < headers.size(); i++) {
      String key = Field.normalise(headers.get(i));
      for (Field field : Field.values()) {
        if (!field.normalisedHeader().equals(key)) continue;
        Integer earlier = indexes.putIfAbsent(field, i);
        if (earlier != null) {
          issues.add(new Issue(file, 1, i + 1, headers.get(i), null,
              "names the same column as column " + (earlier + 1) + " (\"" + headers.get(earlier) + "\")"));
        }
      }
    }
    Set<Integer> used = new HashSet<>(indexes.values());
    for (Field field : Field.values()) {
      if (!indexes.containsKey(field)) issues.add(missing(file, field, headers, used));
    }
    if (!issues.isEmpty()) throw new DataFileException(file, issues, 0);
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
    return new HeaderMapping(indexes, List.copyOf(extraIndexes), List.copyOf(extraNames), headers.size());
  }

  private static Issue missing(String file, Field field, List<String> headers, Set<Integer> used) {
    int closest = -1;
    int best = Integer.MAX_VALUE;
    for (int i = 0; i < headers.size(); i++) {
      if (used.contains(i)) continue;
      int distance = editDistance(Field.normalise(headers.get(i)), field.normalisedHeader());
      if (distance < best) {
        best = distance;
        closest = i;
      }
    }
    String found = "found: " + String.join(", ", headers);
    boolean near = closest >= 0 && best <= Math.max(2, field.normalisedHeader().length() / 3);
    if (near) {
      return new Issue(file, 1, closest + 1, field.header(), null, "column is missing; the closest header is \""
          + headers.get(closest) + "\" (column " + (closest + 1) + "), is it misspelt? " + found);
    }
    return new Issue(file, 1, 0, field.header(), null, "column is missing; " + found);
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

  public int index(Field field) {
    return indexes.get(field);
  }

  public int columnNumber(Field field) {
    return indexes.get(field) + 1;
  }

  public int width() {
    return width;
  }

  List<Integer> extraIndexes() {
    return extraIndexes;
  }

  List<String> extraColumns() {
    return extraNames;
  }
}
