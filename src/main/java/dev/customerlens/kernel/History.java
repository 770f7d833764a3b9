package dev.customerlens.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The inputs (and text outputs) of this kernel's cells, for Jupyter's history requests. Kept in
 * memory only: a restarted kernel starts a new history, so there is one session, numbered 1.
 */
final class History {
  static final int SESSION = 1;

  record Entry(int line, String input, String output) {}

  private final List<Entry> entries = new ArrayList<>();

  synchronized void add(int line, String input, String output) {
    entries.add(new Entry(line, input, output));
  }

  /** The last {@code n} entries; all of them when {@code n} is 0 or less. */
  synchronized List<Entry> tail(int n) {
    return last(entries, n);
  }

  /**
   * Entries with {@code start <= line < stop} ({@code stop} 0 or less: to the end). Session 0 or
   * {@value #SESSION} is this one; earlier sessions have nothing.
   */
  synchronized List<Entry> range(int session, int start, int stop) {
    if (session != 0 && session != SESSION) return List.of();
    return entries.stream().filter(e -> e.line() >= start && (stop <= 0 || e.line() < stop)).toList();
  }

  /** The last {@code n} entries whose input matches a glob ({@code *}, {@code ?}, {@code [...]}), as IPython's search does. */
  synchronized List<Entry> search(String glob, int n, boolean unique) {
    Pattern pattern = globPattern(glob);
    List<Entry> matches = entries.stream().filter(e -> pattern.matcher(e.input()).matches()).toList();
    if (unique) {
      Map<String, Entry> latest = new LinkedHashMap<>();
      for (Entry entry : matches) {
        latest.remove(entry.input());
        latest.put(entry.input(), entry);
      }
      matches = List.copyOf(latest.values());
    }
    return last(matches, n);
  }

  private static List<Entry> last(List<Entry> list, int n) {
    return n <= 0 || n >= list.size() ? List.copyOf(list) : List.copyOf(list.subList(list.size() - n, list.size()));
  }

  static Pattern globPattern(String glob) {
    StringBuilder regex = new StringBuilder();
    boolean inClass = false;
    for (char c : glob.toCharArray()) {
      if (inClass) {
        if (c == ']') inClass = false;
        regex.append(c == '\\' ? "\\\\" : String.valueOf(c));
      } else if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else if (c == '[') {
        inClass = true;
        regex.append('[');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
