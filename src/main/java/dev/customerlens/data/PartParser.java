package dev.customerlens.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Parses the records of one byte range of a customer file into dictionary-coded columns, with the
 * rules of commons-csv's RFC 4180 format (the reference the tests hold it to): quotes with doubled
 * quotes inside, CR, LF or CRLF line ends, empty lines skipped, whitespace allowed after a closing
 * quote. Records are parsed from bytes; only distinct cell texts are ever decoded.
 *
 * <p>A part starts at a line start chosen without knowing whether it falls inside a quoted field, so
 * its results are used only once the part before it is known to end exactly there; {@link
 * ByteCsvReader} checks that and parses again from the right place when it does not.
 *
 * <p>Line numbers are counted from the part's start; the reader adds the part's first line.
 */
final class PartParser {
  private static final int RECORD = 0;
  private static final int MORE = 1;
  private static final int END = 2;
  private static final int BOUNDARY = 3;
  private static final int MALFORMED = 4;
  private static final int FIRST_BUFFER = 1 << 20;
  private static final int PROGRESS_EVERY = 1 << 14;
  private static final Field[] FIELDS = Field.values();
  /** 1 for the bytes that end an unquoted field: comma, CR and LF. */
  private static final byte[] ENDS_FIELD = new byte[256];

  static {
    ENDS_FIELD[','] = 1;
    ENDS_FIELD['\n'] = 1;
    ENDS_FIELD['\r'] = 1;
  }

  /** A problem found in this part, its line counted from the part's first line (0). */
  record Found(int line, int columnNumber, String column, String value, String message) {}

  /** A row a lenient read leaves out, line counted from the part's first line. */
  record Left(int line, List<Found> reasons) {}

  /** Broken quoting: where, and what commons-csv would call it. */
  record Malformed(long offset, int linesBefore, int breaksAtOffset, boolean endOfFileInQuotes) {}

  private final ByteSource source;
  private final int[] columnOf;
  private final int width;
  private final boolean lenient;
  private final int maxIssues;
  private final long start;
  private final long end;
  private final LongConsumer progress;

  private byte[] buf = new byte[FIRST_BUFFER];
  private long bufPos;
  private int pos;
  private int lim;
  private boolean eof;

  private int next;
  private int skippedBreaks;
  private int recordBreaks;
  private int fieldCount;
  private int[] fieldStart = new int[32];
  private int[] fieldLength = new int[32];
  private boolean[] fieldCopied = new boolean[32];
  private byte[] scratch = new byte[256];
  private int scratchSize;
  private long badOffset;
  private int badBreaks;
  private boolean badEof;

  final CellDictionary[] dictionaries;
  final Codes[] codes;
  final Ids ids;
  final Lines lines = new Lines();
  int rows;
  int records;
  int breaks;
  long stop;
  Malformed malformed;
  final List<Found> issues = new ArrayList<>();
  int moreIssues;
  final List<Left> left = new ArrayList<>();
  private final int[] rowCodes;
  /** The column index (a {@link Field} ordinal, or after the fields an extra column) of each file column; -1 if unread. */
  private final int[] fieldOf;

  /**
   * @param columnOf the file column of each {@link Field}, by ordinal, then of each extra column kept as
   *     text; -1 for a field the file lacks, missing in every row
   * @param end records starting at or after this offset belong to the next part
   * @param expectedRows a guess to size the columns, so they rarely grow
   */
  PartParser(ByteSource source, int[] columnOf, int width, boolean lenient, int maxIssues, long start, long end,
      int expectedRows, LongConsumer progress) {
    this.source = source;
    this.columnOf = columnOf;
    this.width = width;
    this.lenient = lenient;
    this.maxIssues = maxIssues;
    this.start = start;
    this.end = end;
    this.progress = progress;
    fieldOf = new int[width];
    Arrays.fill(fieldOf, -1);
    if (width > 0) for (int f = 0; f < columnOf.length; f++) if (columnOf[f] >= 0) fieldOf[columnOf[f]] = f;
    dictionaries = new CellDictionary[columnOf.length];
    codes = new Codes[columnOf.length];
    rowCodes = new int[columnOf.length];
    for (int f = 1; f < columnOf.length; f++) {
      dictionaries[f] = new CellDictionary(f < FIELDS.length ? FIELDS[f] : null);
      codes[f] = new Codes(expectedRows);
      if (columnOf[f] < 0) rowCodes[f] = dictionaries[f].missing();
    }
    ids = new Ids(expectedRows);
  }

  long start() {
    return start;
  }

  long end() {
    return end;
  }

  /** Parses every record that starts in [start, end). */
  PartParser run() {
    bufPos = start;
    fill();
    long reported = start;
    while (true) {
      int status = parseRecord(end);
      if (status == MORE) {
        fill();
        continue;
      }
      if (status == MALFORMED) {
        malformed = new Malformed(badOffset, breaks, breaks + badBreaks, badEof);
        stop = bufPos + pos;
        break;
      }
      if (status != RECORD) {
        stop = bufPos + pos;
        break;
      }
      int line = breaks + skippedBreaks;
      breaks = line + recordBreaks;
      records++;
      row(line);
      pos = next;
      if ((records & (PROGRESS_EVERY - 1)) == 0) {
        long at = bufPos + pos;
        progress.accept(at - reported);
        reported = at;
      }
    }
    progress.accept(Math.max(0, stop - reported));
    return this;
  }

  /**
   * The header record starting at {@code start}: its cells as text, or null when the file holds no
   * record. Sets {@link #stop}, {@link #breaks} and {@link #malformed}.
   */
  List<String> header() {
    bufPos = start;
    fill();
    while (true) {
      int status = parseRecord(Long.MAX_VALUE);
      if (status == MORE) {
        fill();
        continue;
      }
      if (status == MALFORMED) {
        malformed = new Malformed(badOffset, 0, badBreaks, badEof);
        return null;
      }
      if (status != RECORD) return null;
      List<String> cells = new ArrayList<>(fieldCount);
      for (int f = 0; f < fieldCount; f++) {
        cells.add(new String(fieldCopied[f] ? scratch : buf, fieldStart[f], fieldLength[f], StandardCharsets.UTF_8));
      }
      breaks = skippedBreaks + recordBreaks;
      stop = bufPos + next;
      return cells;
    }
  }

  private void fill() {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, lim - pos);
      bufPos += pos;
      lim -= pos;
      pos = 0;
    } else if (lim == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    try {
      while (lim < buf.length) {
        int n = source.read(bufPos + lim, buf, lim, buf.length - lim);
        if (n < 0) {
          eof = true;
          return;
        }
        lim += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source.name(), e);
    }
  }

  /** Reads one record from {@link #pos}: RECORD, MORE (buffer exhausted), END, BOUNDARY or MALFORMED. */
  private int parseRecord(long endOffset) {
    final byte[] b = buf;
    final int lim = this.lim;
    int p = pos;
    int br = 0;
    while (true) {
      if (p >= lim) return eof ? END : MORE;
      byte c = b[p];
      if (c == '\n') {
        p++;
        br++;
      } else if (c == '\r') {
        if (p + 1 >= lim && !eof) return MORE;
        p++;
        if (p < lim && b[p] == '\n') p++;
        br++;
      } else {
        break;
      }
    }
    if (bufPos + p >= endOffset) return BOUNDARY;
    skippedBreaks = br;
    scratchSize = 0;
    int inside = 0;
    int fields = 0;
    while (true) {
      if (fields == fieldStart.length) growFields();
      if (p < lim && b[p] == '"') {
        int quoteAt = p;
        int breaksAtQuote = inside;
        int q = p + 1;
        int segment = q;
        int copiedFrom = -1;
        byte previous = 0;
        while (true) {
          if (q >= lim) {
            if (!eof) return MORE;
            badOffset = bufPos + quoteAt;
            badBreaks = br + breaksAtQuote;
            badEof = true;
            return MALFORMED;
          }
          byte c = b[q];
          if (c == '"') {
            if (q + 1 >= lim && !eof) return MORE;
            if (q + 1 < lim && b[q + 1] == '"') {
              if (copiedFrom < 0) copiedFrom = scratchSize;
              copy(b, segment, q + 1 - segment);
              q += 2;
              segment = q;
              previous = '"';
              continue;
            }
            break;
          }
          if (c == '\r' || (c == '\n' && previous != '\r')) inside++;
          previous = c;
          q++;
        }
        if (copiedFrom >= 0) {
          copy(b, segment, q - segment);
          fieldStart[fields] = copiedFrom;
          fieldLength[fields] = scratchSize - copiedFrom;
          fieldCopied[fields] = true;
        } else {
          fieldStart[fields] = segment;
          fieldLength[fields] = q - segment;
          fieldCopied[fields] = false;
        }
        if (fields < width) {
          byte[] src = fieldCopied[fields] ? scratch : b;
          encode(fields, src, fieldStart[fields], fieldLength[fields],
              CellDictionary.tail(src, fieldStart[fields], fieldLength[fields]));
        }
        fields++;
        q++;
        while (true) {
          if (q >= lim) {
            if (!eof) return MORE;
            return record(q, fields, inside);
          }
          byte c = b[q];
          if (c == ',') {
            q++;
            break;
          }
          if (c == '\n') return record(q + 1, fields, inside + 1);
          if (c == '\r') {
            if (q + 1 >= lim && !eof) return MORE;
            q++;
            if (q < lim && b[q] == '\n') q++;
            return record(q, fields, inside + 1);
          }
          if (c == ' ' || c == '\t' || c == 11 || c == 12 || (c >= 28 && c <= 31)) {
            q++;
            continue;
          }
          if (c < 0) {
            if (q + 2 >= lim && !eof) return MORE;
            if (wideSpace(b, q, lim)) {
              q += 3;
              continue;
            }
          }
          badOffset = bufPos + q;
          badBreaks = br + inside;
          badEof = false;
          return MALFORMED;
        }
        p = q;
      } else {
        int q = p;
        long tail = 0;
        while (q < lim) {
          int c = b[q] & 0xFF;
          if (ENDS_FIELD[c] != 0) break;
          tail = (tail << 8) | c;
          q++;
        }
        if (q >= lim && !eof) return MORE;
        fieldStart[fields] = p;
        fieldLength[fields] = q - p;
        fieldCopied[fields] = false;
        if (fields < width) encode(fields, b, p, q - p, tail);
        fields++;
        if (q >= lim) return record(q, fields, inside);
        byte c = b[q];
        if (c == ',') {
          p = q + 1;
          continue;
        }
        if (c == '\n') return record(q + 1, fields, inside + 1);
        if (q + 1 >= lim && !eof) return MORE;
        q++;
        if (q < lim && b[q] == '\n') q++;
        return record(q, fields, inside + 1);
      }
    }
  }

  /** Looks the cell of file column {@code column} up in its field's dictionary as soon as it is scanned. */
  private void encode(int column, byte[] src, int off, int len, long tail) {
    int field = fieldOf[column];
    if (field > 0) rowCodes[field] = dictionaries[field].code(src, off, len, len > 8 ? CellDictionary.head(src, off) : 0, tail);
  }

  private int record(int after, int fields, int breaksInside) {
    next = after;
    fieldCount = fields;
    recordBreaks = breaksInside;
    return RECORD;
  }

  /** A whitespace character of three UTF-8 bytes (U+1680, U+2000 to U+3000), which commons-csv skips after a quote. */
  private static boolean wideSpace(byte[] b, int q, int lim) {
    if (q + 2 >= lim || (b[q] & 0xF0) != 0xE0 || (b[q + 1] & 0xC0) != 0x80 || (b[q + 2] & 0xC0) != 0x80) return false;
    int cp = ((b[q] & 0x0F) << 12) | ((b[q + 1] & 0x3F) << 6) | (b[q + 2] & 0x3F);
    return cp >= 0x800 && !Character.isSurrogate((char) cp) && Character.isWhitespace(cp);
  }

  private void copy(byte[] b, int from, int length) {
    if (scratchSize + length > scratch.length) scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, scratchSize + length));
    System.arraycopy(b, from, scratch, scratchSize, length);
    scratchSize += length;
  }

  private void growFields() {
    int n = fieldStart.length * 2;
    fieldStart = Arrays.copyOf(fieldStart, n);
    fieldLength = Arrays.copyOf(fieldLength, n);
    fieldCopied = Arrays.copyOf(fieldCopied, n);
  }

  /** Checks one record's cells and, when all are good, appends them as a row. */
  private void row(int line) {
    if (fieldCount != width) {
      List<Found> problems = List.of(new Found(line, 0, null, null, "has " + fieldCount + " fields; expected " + width
          + " like the header (check for an unquoted comma)"));
      reject(line, problems);
      return;
    }
    List<Found> problems = null;
    int id = columnOf[Field.CUSTOMER_ID.ordinal()];
    long number = plainNumber(fieldCopied[id] ? scratch : buf, fieldStart[id], fieldLength[id]);
    byte[] text = null;
    if (number < 0) {
      String raw = new String(fieldCopied[id] ? scratch : buf, fieldStart[id], fieldLength[id], StandardCharsets.UTF_8);
      Object parsed = null;
      String message;
      if (raw.indexOf('\uFFFD') >= 0) {
        message = CellDictionary.NOT_UTF8_MESSAGE;
      } else {
        try {
          parsed = CellParser.parse(Field.CUSTOMER_ID, raw);
          message = null;
        } catch (IllegalArgumentException bad) {
          message = bad.getMessage();
        }
      }
      if (parsed == null) {
        problems = new ArrayList<>(2);
        problems.add(new Found(line, id + 1, Field.CUSTOMER_ID.header(), raw, message));
      } else {
        byte[] utf8 = ((String) parsed).getBytes(StandardCharsets.UTF_8);
        number = plainNumber(utf8, 0, utf8.length);
        if (number < 0) text = utf8;
      }
    }
    for (int f = 1; f < dictionaries.length; f++) {
      int column = columnOf[f];
      CellDictionary dictionary = dictionaries[f];
      int code = rowCodes[f];
      if (code < 0) {
        if (problems == null) problems = new ArrayList<>(2);
        problems.add(new Found(line, column + 1, FIELDS[f].header(), dictionary.problemRaw(code), dictionary.problemMessage(code)));
      } else if (problems == null) {
        codes[f].add(code);
      }
    }
    if (problems != null) {
      for (int f = 1; f < codes.length; f++) codes[f].truncate(rows);
      reject(line, problems);
      return;
    }
    if (text == null) ids.add(number);
    else ids.add(text);
    lines.add(line);
    rows++;
  }

  private void reject(int line, List<Found> problems) {
    if (lenient) {
      left.add(new Left(line, problems));
      return;
    }
    for (Found problem : problems) {
      if (issues.size() < maxIssues) issues.add(problem);
      else moreIssues++;
    }
  }

  /** The value of a plain whole number written without sign, spaces or leading zeros, else -1. */
  static long plainNumber(byte[] b, int off, int len) {
    if (len == 0 || len > 18 || (b[off] == '0' && len > 1)) return -1;
    long value = 0;
    for (int i = off, end = off + len; i < end; i++) {
      int digit = b[i] - '0';
      if (digit < 0 || digit > 9) return -1;
      value = value * 10 + digit;
    }
    return value;
  }
}
