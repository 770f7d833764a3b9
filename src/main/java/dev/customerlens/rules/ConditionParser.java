package dev.customerlens.rules;

import dev.customerlens.errors.WorkspaceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recursive-descent parser for the rule language: comparisons ({@code = != <> < <= > >=}),
 * {@code IN (...)}, {@code NOT IN (...)}, bare yes/no fields, {@code AND}, {@code OR}, {@code NOT}
 * and parentheses; text in single quotes ('' for a quote), numbers, true and false.
 */
final class ConditionParser {
  private final String source;
  private int position;

  ConditionParser(String source) {
    if (source == null || source.isBlank()) throw new WorkspaceException("a rule condition must not be empty");
    this.source = source;
  }

  Condition parse() {
    Condition condition = or();
    skipSpace();
    if (position < source.length()) throw error("unexpected \"" + source.substring(position) + "\"");
    return condition;
  }

  private Condition or() {
    List<Condition> parts = new ArrayList<>(List.of(and()));
    while (keyword("OR")) parts.add(and());
    return parts.size() == 1 ? parts.get(0) : new Condition.Any(parts);
  }

  private Condition and() {
    List<Condition> parts = new ArrayList<>(List.of(not()));
    while (keyword("AND")) parts.add(not());
    return parts.size() == 1 ? parts.get(0) : new Condition.All(parts);
  }

  private Condition not() {
    if (keyword("NOT")) return new Condition.Not(not());
    return primary();
  }

  private Condition primary() {
    if (symbol("(")) {
      Condition inner = or();
      if (!symbol(")")) throw error("missing )");
      return inner;
    }
    if (keyword("TRUE")) return new Condition.Always();
    String field = identifier();
    if (keyword("NOT")) {
      if (!keyword("IN")) throw error("expected IN after NOT");
      return new Condition.Not(new Condition.Membership(field, list()));
    }
    if (keyword("IN")) return new Condition.Membership(field, list());
    Condition.Operator op = operator();
    if (op == null) return new Condition.Comparison(field, Condition.Operator.EQ, Boolean.TRUE);
    return new Condition.Comparison(field, op, literal());
  }

  private List<Object> list() {
    if (!symbol("(")) throw error("expected ( after IN");
    List<Object> values = new ArrayList<>(List.of(literal()));
    while (symbol(",")) values.add(literal());
    if (!symbol(")")) throw error("missing ) after the IN list");
    return values;
  }

  private Condition.Operator operator() {
    for (String[] spelling : new String[][] {
        {"<=", "LE"}, {">=", "GE"}, {"!=", "NE"}, {"<>", "NE"}, {"==", "EQ"}, {"=", "EQ"}, {"<", "LT"}, {">", "GT"}}) {
      if (symbol(spelling[0])) return Condition.Operator.valueOf(spelling[1]);
    }
    return null;
  }

  private Object literal() {
    skipSpace();
    if (position >= source.length()) throw error("expected a value");
    char c = source.charAt(position);
    if (c == '\'') return quoted();
    if (keyword("TRUE")) return Boolean.TRUE;
    if (keyword("FALSE")) return Boolean.FALSE;
    int start = position;
    if (c == '-' || c == '+') position++;
    while (position < source.length() && (Character.isDigit(source.charAt(position)) || source.charAt(position) == '.')) {
      position++;
    }
    try {
      return Double.valueOf(source.substring(start, position));
    } catch (NumberFormatException e) {
      position = start;
      throw error("expected a number, 'text', true or false");
    }
  }

  private String quoted() {
    StringBuilder text = new StringBuilder();
    position++;
    while (position < source.length()) {
      char c = source.charAt(position++);
      if (c != '\'') {
        text.append(c);
      } else if (position < source.length() && source.charAt(position) == '\'') {
        text.append('\'');
        position++;
      } else {
        return text.toString();
      }
    }
    throw error("text is missing its closing quote");
  }

  private String identifier() {
    skipSpace();
    int start = position;
    while (position < source.length()
        && (Character.isLetterOrDigit(source.charAt(position)) || source.charAt(position) == '_')) {
      position++;
    }
    if (start == position || Character.isDigit(source.charAt(start))) {
      position = start;
      throw error("expected a field name");
    }
    return source.substring(start, position);
  }

  private boolean keyword(String word) {
    skipSpace();
    int end = position + word.length();
    if (end > source.length() || !source.substring(position, end).toUpperCase(Locale.ROOT).equals(word)) return false;
    if (end < source.length() && (Character.isLetterOrDigit(source.charAt(end)) || source.charAt(end) == '_')) {
      return false;
    }
    position = end;
    return true;
  }

  private boolean symbol(String text) {
    skipSpace();
    if (!source.startsWith(text, position)) return false;
    position += text.length();
    return true;
  }

  private void skipSpace() {
    while (position < source.length() && Character.isWhitespace(source.charAt(position))) position++;
  }

  private WorkspaceException error(String message) {
    return new WorkspaceException("cannot read the condition \"" + source + "\" at character " + (position + 1)
        + ": " + message);
  }
}
