package dev.customerlens.data;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.IntColumnType;

/**
 * A validated customer file as primitive columns: per row an id, the line it was read from and one
 * dictionary code per schema field, then per extra column; per column the distinct parsed values the
 * codes stand for (as {@code CellParser} returns them: String, Integer, Double or Boolean, null when
 * blank; an extra column's values as {@link ExtraColumn#value} types them).
 *
 * @param extras the columns outside the schema, after the fields
 * @param missingColumns optional schema columns the file lacks, missing in every row
 */
public record Customers(String source, int rows, Ids ids, Lines lines, Codes[] codes, List<List<Object>> values,
    List<SkippedRow> skipped, List<ExtraColumn> extras, List<Field> missingColumns, List<HeaderChoice> headerChoices) {
  private static final Field[] FIELDS = Field.values();

  public Codes codes(Field field) {
    return codes[field.ordinal()];
  }

  public List<Object> values(Field field) {
    return values.get(field.ordinal());
  }

  /** A number field's value per code, as a double: NaN where blank. */
  public double[] numbers(Field field) {
    return numbers(values(field));
  }

  /** How many rows hold each code of a field. */
  public int[] rowsOfCode(Field field) {
    int[] rowsOfCode = new int[values(field).size()];
    Codes column = codes(field);
    for (int row = 0; row < rows; row++) rowsOfCode[column.get(row)]++;
    return rowsOfCode;
  }

  private static double[] numbers(List<Object> valueOfCode) {
    double[] out = new double[valueOfCode.size()];
    for (int c = 0; c < out.length; c++) {
      out[c] = valueOfCode.get(c) == null ? Double.NaN : ((Number) valueOfCode.get(c)).doubleValue();
    }
    return out;
  }

  /** The headers of the extra columns, in file order. */
  public List<String> extraColumns() {
    return extras.stream().map(ExtraColumn::header).toList();
  }

  /**
   * The customer table as Tablesaw columns under the schema's headers, then the extra columns
   * (numbers as doubles, like a rating; yes/no and text as such): the
   * table {@code Dataset} holds. Each distinct value is converted once and every row is a lookup.
   */
  public Table table() {
    List<Column<?>> columns = new ArrayList<>();
    for (int f = 0; f < codes.length; f++) {
      columns.add(column(f, f < FIELDS.length ? FIELDS[f].header() : extras.get(f - FIELDS.length).header()));
    }
    return Table.create("customers", columns.toArray(Column<?>[]::new));
  }

  /** Column {@code index} (0 the id, then the fields in {@code Field} order, then the extras) under {@code name}. */
  public Column<?> column(int index, String name) {
    if (index == 0) {
      String[] ids = new String[rows];
      for (int row = 0; row < rows; row++) ids[row] = this.ids.get(row);
      return StringColumn.create(name, ids);
    }
    Field.Kind kind = index < FIELDS.length ? FIELDS[index].kind() : switch (extras.get(index - FIELDS.length).kind()) {
      case NUMBER -> Field.Kind.RATING;
      case YES_NO -> Field.Kind.YES_NO;
      case TEXT -> Field.Kind.TEXT;
    };
    return column(name, kind, codes[index], values.get(index));
  }

  private Column<?> column(String name, Field.Kind kind, Codes codes, List<Object> valueOfCode) {
    int distinct = valueOfCode.size();
    switch (kind) {
      case AGE, COUNT -> {
        int[] number = new int[distinct];
        for (int c = 0; c < distinct; c++) {
          number[c] = valueOfCode.get(c) == null ? IntColumnType.missingValueIndicator() : (Integer) valueOfCode.get(c);
        }
        int[] out = new int[rows];
        for (int row = 0; row < rows; row++) out[row] = number[codes.get(row)];
        return IntColumn.create(name, out);
      }
      case MONEY, RATING -> {
        double[] number = numbers(valueOfCode);
        double[] out = new double[rows];
        for (int row = 0; row < rows; row++) out[row] = number[codes.get(row)];
        return DoubleColumn.create(name, out);
      }
      case YES_NO -> {
        return CodedColumns.yesNo(name, rows, distinct, codes::get, c -> (Boolean) valueOfCode.get(c));
      }
      default -> {
        return CodedColumns.text(name, rows, distinct, codes::get, c -> (String) valueOfCode.get(c));
      }
    }
  }
}
