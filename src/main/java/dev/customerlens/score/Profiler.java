package dev.customerlens.score;

import static dev.customerlens.errors.WorkspaceException.within;

import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.persona.PersonaRule;
import dev.customerlens.persona.PersonaRules;
import dev.customerlens.persona.Trait;
import dev.customerlens.persona.Traits;
import java.util.Arrays;
import java.util.List;

/**
 * Each row's persona (the first rule that matches, else the fallback) and traits, from the model's
 * rules compiled over whatever named columns the compiler holds: a customer table's fields, a log's
 * derived features or a file's own columns. Only the columns differ between those; this is the one
 * assignment.
 */
final class Profiler {
  private static final int MAX_PERSONAS = 255;
  private static final int MAX_TRAITS = 31;

  final PersonaRules rules;
  final List<String> personaNames;
  final Traits traits;
  /** The persona of each row, as its index in rule order (the fallback last). */
  final byte[] persona;
  /** The traits of each row, bit t for the model's trait t. */
  final int[] traitMasks;
  private final RowTest[] personaTests;
  private final RowTest[] traitTests;

  Profiler(int rows, PersonaRules rules, Traits traits, RuleCompiler onFeatures) {
    this.rules = rules;
    this.personaNames = rules.names();
    this.traits = traits;
    if (personaNames.size() > MAX_PERSONAS) throw new WorkspaceException("batch scoring handles at most " + MAX_PERSONAS + " personas");
    if (traits.traits().size() > MAX_TRAITS) throw new WorkspaceException("batch scoring handles at most " + MAX_TRAITS + " traits");
    persona = new byte[rows];
    traitMasks = new int[rows];
    personaTests = new RowTest[rules.rules().size()];
    for (int r = 0; r < personaTests.length; r++) {
      PersonaRule rule = rules.rules().get(r);
      personaTests[r] = within("persona rule " + rule.name(), () -> onFeatures.compile(rule.when()));
    }
    traitTests = new RowTest[traits.traits().size()];
    for (int t = 0; t < traitTests.length; t++) {
      Trait trait = traits.traits().get(t);
      traitTests[t] = within("trait " + trait.label(), () -> onFeatures.compile(trait.when()));
    }
  }

  /** The persona and traits of each row of the block. */
  void assign(Block block) {
    int n = block.size();
    int from = block.from();
    // Not a scratch array: an IN list on per-row numbers uses the block's depth 0.
    boolean[] matched = new boolean[n];
    boolean[] open = new boolean[n];
    Arrays.fill(open, true);
    byte fallback = (byte) personaTests.length;
    for (int i = 0; i < n; i++) persona[from + i] = fallback;
    for (int r = 0; r < personaTests.length; r++) {
      personaTests[r].eval(block, matched);
      for (int i = 0; i < n; i++) {
        if (open[i] && matched[i]) {
          persona[from + i] = (byte) r;
          open[i] = false;
        }
      }
    }
    for (int i = 0; i < n; i++) traitMasks[from + i] = 0;
    for (int t = 0; t < traitTests.length; t++) {
      traitTests[t].eval(block, matched);
      for (int i = 0; i < n; i++) if (matched[i]) traitMasks[from + i] |= 1 << t;
    }
  }

  void personaCodes(int from, int size, int[] out) {
    for (int i = 0; i < size; i++) out[i] = persona[from + i] & 0xFF;
  }

  /** Each trait label the mask holds, in declaration order, joined as {@code Traits.describe} joins them. */
  String traitLabel(int mask) {
    StringBuilder out = new StringBuilder();
    for (int t = 0; t < traits.traits().size(); t++) {
      if ((mask & (1 << t)) == 0) continue;
      if (out.length() > 0) out.append(Traits.SEPARATOR);
      out.append(traits.traits().get(t).label());
    }
    return out.toString();
  }
}
