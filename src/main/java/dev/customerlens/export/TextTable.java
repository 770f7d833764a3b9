package dev.customerlens.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A table as plain text that fits a terminal: numbers in {@link NumberStyle}, long text cut with
 * "...", and columns that do not fit the width either continued in a further block below (with the
 * first column repeated, so each row can be followed) or named in a closing line.
 *
 * <p>Tablesaw's own {@code print()} pads every cell to the widest value of its column and centres
 * the title over the whole width, so the persona summary prints 373-character lines and jshell, which
 * cuts a value's text at 1,000 characters, shows only padding.
 *
 * @param width the longest line
 * @param maxRows rows shown before "... N more rows"
 * @param cellWidth the longest cell; longer text is cut
 * @param allColumns whether columns beyond the width continue below (else they are only named)
 * @param budget the most characters in all; rows are dropped until the text fits
 */
public record TextTable(int width, int maxRows, int cellWidth, boolean allColumns, int budget) {
  /** For a terminal: every row and column, 100 characters wide. */
  public static final TextTable TERMINAL = new TextTable(100, Integer.MAX_VALUE, 40, true, Integer.MAX_VALUE);

  /**
   * For a notebook's text output (consoles, history; front ends show the HTML) and {@code display}
   * in jshell: the first 20 rows and the columns that fit 100 characters.
   */
  public static final TextTable NOTEBOOK = new TextTable(100, 20, 30, false, Integer.MAX_VALUE);

  /**
   * For jshell, which shows at most 1,000 characters of a value: the first rows and the columns that
   * fit 80 characters, so that a persona summary's seven rows show whole.
   */
  public static final TextTable PREVIEW = new TextTable(80, 10, 20, false, 950);

  private static final String CUT = "...";
  private static final String GAP = "  ";

  public TextTable {
    if (width < 20 || maxRows < 1 || cellWidth < 4 || cellWidth > width || budget < width) {
      throw new IllegalArgumentException("a text table needs width >= 20, rows >= 1, 4 <= cells <= width and budget >= width");
    }
  }

  public String render(Table table) {
    int rows = Math.min(maxRows, table.rowCount());
    String text = render(table, rows);
    while (text.length() > budget && rows > 1) text = render(table, --rows);
    return text;
  }

  private String render(Table table, int rows) {
    List<Cells> columns = new ArrayList<>();
    for (Column<?> column : table.columns()) columns.add(new Cells(column, rows));
    StringBuilder out = new StringBuilder(fit(title(table)));
    List<List<Cells>> blocks = blocks(columns);
    for (List<Cells> block : allColumns ? blocks : blocks.subList(0, Math.min(1, blocks.size()))) {
      out.append('\n').append(line(block, c -> c.header()));
      out.append('\n').append(line(block, c -> "-".repeat(c.width)));
      for (int r = 0; r < rows; r++) {
        int row = r;
        out.append('\n').append(line(block, c -> c.cells.get(row)));
      }
      if (rows < table.rowCount()) out.append('\n').append("... ").append(count(table.rowCount() - rows, "more row"));
    }
    if (!allColumns && blocks.size() > 1) {
      List<String> rest = blocks.subList(1, blocks.size()).stream().flatMap(block -> block.stream().skip(1))
          .map(c -> c.name).toList();
      out.append('\n').append(fit("... " + count(rest.size(), "more column") + ": " + String.join(", ", rest)));
    }
    return out.toString();
  }

  /**
   * A line of prose that fits a terminal as the tables do: broken between words at {@code width}
   * characters, continuation lines starting with {@code indent}. A word longer than a line stays whole.
   */
  public static String wrap(String line, int width, String indent) {
    String words = line.stripLeading();
    StringBuilder out = new StringBuilder(line.substring(0, line.length() - words.length()));
    int length = out.length();
    boolean empty = true;
    // Split on single spaces, so runs of spaces that align columns are kept.
    for (String word : words.split(" ", -1)) {
      if (!empty && !word.isEmpty() && length + 1 + word.length() > width) {
        out.append('\n').append(indent);
        length = indent.length();
        empty = true;
      }
      if (!empty) {
        out.append(' ');
        length++;
      }
      out.append(word);
      length += word.length();
      empty = false;
    }
    return out.toString();
  }

  private static String count(int count, String noun) {
    return String.format(Locale.ROOT, "%,d %s%s", count, noun, count == 1 ? "" : "s");
  }

  private String title(Table table) {
    String size = count(table.rowCount(), "row") + ", " + count(table.columnCount(), "column");
    return table.name() == null || table.name().isBlank() ? size : table.name() + ": " + size;
  }

  /** Greedy blocks of columns that fit the width; each block after the first starts with the first column. */
  private List<List<Cells>> blocks(List<Cells> columns) {
    List<List<Cells>> blocks = new ArrayList<>();
    List<Cells> block = new ArrayList<>();
    int used = 0;
    for (Cells column : columns) {
      int needed = block.isEmpty() ? column.width : used + GAP.length() + column.width;
      boolean holdsOwnColumns = blocks.isEmpty() ? !block.isEmpty() : block.size() > 1;
      if (needed > width && holdsOwnColumns) {
        blocks.add(block);
        block = new ArrayList<>(List.of(columns.get(0)));
        used = columns.get(0).width;
        needed = used + GAP.length() + column.width;
      }
      block.add(column);
      used = needed;
    }
    if (!block.isEmpty()) blocks.add(block);
    return blocks;
  }

  private String line(List<Cells> block, Function<Cells, String> text) {
    StringBuilder line = new StringBuilder();
    for (Cells column : block) {
      if (line.length() > 0) line.append(GAP);
      String value = text.apply(column);
      String pad = " ".repeat(column.width - value.length());
      line.append(column.numeric ? pad + value : value + pad);
    }
    return fit(line.toString().stripTrailing());
  }

  private String fit(String text) {
    return text.length() <= width ? text : text.substring(0, width - CUT.length()) + CUT;
  }

  private String cut(String text) {
    String flat = text.replace('\n', ' ').replace('\r', ' ');
    return flat.length() <= cellWidth ? flat : flat.substring(0, cellWidth - CUT.length()) + CUT;
  }

  /** One column's header and first rows as they will print. */
  private final class Cells {
    final String name;
    final boolean numeric;
    final List<String> cells = new ArrayList<>();
    final int width;

    Cells(Column<?> column, int rows) {
      name = column.name();
      numeric = NumberStyle.isNumeric(column);
      int widest = header().length();
      for (int r = 0; r < rows; r++) {
        String cell = cut(NumberStyle.cell(column, r));
        cells.add(cell);
        widest = Math.max(widest, cell.length());
      }
      width = Math.min(widest, TextTable.this.width);
    }

    String header() {
      return TextTable.this.width < name.length() ? name.substring(0, TextTable.this.width) : name;
    }
  }
}
