package dev.customerlens.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest {
  private static History history(String... inputs) {
    History history = new History();
    for (int i = 0; i < inputs.length; i++) history.add(i + 1, inputs[i], "");
    return history;
  }

  private static List<String> inputs(List<History.Entry> entries) {
    return entries.stream().map(History.Entry::input).toList();
  }

  @Test
  void tailIsTheLastEntries() {
    assertEquals(List.of("b", "c"), inputs(history("a", "b", "c").tail(2)));
    assertEquals(List.of("a", "b", "c"), inputs(history("a", "b", "c").tail(0)));
  }

  @Test
  void rangeIncludesStartExcludesStopAndKnowsOnlyThisSession() {
    History history = history("a", "b", "c");
    assertEquals(List.of("b"), inputs(history.range(History.SESSION, 2, 3)));
    assertEquals(List.of("b", "c"), inputs(history.range(0, 2, 0)));
    assertEquals(List.of(), inputs(history.range(-1, 1, 3)));
  }

  @Test
  void searchMatchesWholeInputsByGlobAndUniqueKeepsTheLatest() {
    History history = history("6 * 7", "x + 1", "6 * 7", "6 * 8");
    assertEquals(List.of("6 * 7", "6 * 7"), inputs(history.search("6 ? 7", 0, false)));
    assertEquals(List.of(3), history.search("6 ? 7", 0, true).stream().map(History.Entry::line).toList());
    assertEquals(List.of("6 * 7", "6 * 8"), inputs(history.search("6 * [78]", 2, false)));
    assertEquals(List.of(), inputs(history.search("6", 0, false)));
  }
}
