package dev.customerlens.data;

import dev.customerlens.errors.Failures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/**
 * Reads and validates a customer file, the one reader of customer files ({@code Dataset.read} and
 * batch scoring), with messages naming file, line and column, into {@link Customers}: parts of the
 * file are parsed in parallel straight from bytes, and no String is made per cell.
 */
public final class ByteCsvReader {
  /** Parts this large keep both cores busy with little waiting at the end; the last part may be shorter. */
  static final long PART_BYTES = 32L << 20;
  private static final int SAMPLE_BYTES = 1 << 16;
  private static final Field[] FIELDS = Field.values();

  private final ByteSource source;
  private final ReadOptions options;
  private final ExecutorService pool;
  private final int threads;
  private final LongConsumer progress;
  private final String file;
  private final long partBytes;
  private final boolean wholeTable;

  /** For batch scoring: every schema column is required. */
  public ByteCsvReader(ByteSource source, ReadOptions options, ExecutorService pool, int threads, LongConsumer progress) {
    this(source, options, pool, threads, progress, PART_BYTES, false);
  }

  /**
   * With parts of about {@code partBytes} (tests use tiny parts to cross part boundaries in small
   * files). {@code wholeTable} reads the file as the analysis takes it: optional columns may be
   * absent (missing in every row) and {@code --columns} choices settle the header. Either way the
   * columns outside the schema are kept, typed as {@link ExtraColumn} types them.
   */
  ByteCsvReader(ByteSource source, ReadOptions options, ExecutorService pool, int threads, LongConsumer progress,
      long partBytes, boolean wholeTable) {
    this.wholeTable = wholeTable;
    this.partBytes = partBytes;
    this.source = source;
    this.options = options;
    this.pool = pool;
    this.threads = threads;
    this.progress = progress;
    this.file = source.name();
  }

  public Customers read() {
    long bomEnd = startsWithByteOrderMark() ? 3 : 0;
    PartParser headerPart = new PartParser(source, new int[FIELDS.length], 0, false, 1, bomEnd, Long.MAX_VALUE, 0,
        bytes -> {});
    List<String> cells = headerPart.header();
    if (headerPart.malformed != null) throw malformed(headerPart.malformed, 1, bomEnd);
    if (cells == null) {
      throw new DataFileException(new Issue(file, 1, 0, null, null,
          "the file is empty; expected a header line naming the columns "
              + Arrays.stream(FIELDS).map(Field::header).collect(Collectors.joining(", "))));
    }
    HeaderMapping header = wholeTable ? HeaderMapping.of(file, cells, options.columns()) : HeaderMapping.of(file, cells);
    List<Integer> extras = header.extraIndexes();
    int[] columnOf = new int[FIELDS.length + extras.size()];
    for (Field field : FIELDS) columnOf[field.ordinal()] = header.index(field);
    for (int e = 0; e < extras.size(); e++) columnOf[FIELDS.length + e] = extras.get(e);
    progress.accept(headerPart.stop);

    List<PartParser> parts = parse(header, columnOf, headerPart.stop);
    int firstLine = 1 + headerPart.breaks;
    int[] bases = new int[parts.size()];
    for (int p = 0; p < parts.size(); p++) {
      PartParser part = parts.get(p);
      bases[p] = firstLine;
      if (part.malformed != null) throw malformed(part.malformed, firstLine, bomEnd);
      firstLine += part.breaks;
      if (p + 1 < parts.size()) firstLine += breaksBetween(part.stop, parts.get(p + 1).start());
    }
    return merge(parts, bases, header, columnOf.length);
  }

  /** Parses the data records in parts, in parallel, then re-parses any part that began inside a quoted field. */
  private List<PartParser> parse(HeaderMapping header, int[] columnOf, long dataStart) {
    long size = source.size();
    int rowBytes = averageRowBytes(dataStart);
    List<Long> starts = splits(dataStart, size);
    List<Future<PartParser>> running = new ArrayList<>();
    for (int i = 0; i < starts.size(); i++) {
      long from = starts.get(i);
      long to = i + 1 < starts.size() ? starts.get(i + 1) : Long.MAX_VALUE;
      int expected = (int) Math.min(Integer.MAX_VALUE - 16, (Math.min(to, size) - from) / rowBytes + 64);
      PartParser part = new PartParser(source, columnOf, header.width(), options.skipBadRows(), options.maxIssues(),
          from, to, expected, progress);
      running.add(pool.submit(part::run));
    }
    List<PartParser> parts = new ArrayList<>();
    for (Future<PartParser> future : running) parts.add(Failures.got(future, "reading"));
    List<PartParser> checked = new ArrayList<>();
    for (PartParser part : parts) {
      if (!checked.isEmpty()) {
        PartParser before = checked.get(checked.size() - 1);
        if (before.malformed != null || before.stop >= size) break;
        if (before.stop > part.start()) {
          part = new PartParser(source, columnOf, header.width(), options.skipBadRows(), options.maxIssues(),
              before.stop, part.end(), part.rows + 64, bytes -> {}).run();
        }
      }
      checked.add(part);
      if (part.malformed != null) break;
    }
    return checked;
  }

  /** Part starts: each just after a line feed, about {@code partBytes} apart, at least two parts per thread. */
  private List<Long> splits(long dataStart, long size) {
    List<Long> starts = new ArrayList<>(List.of(dataStart));
    long length = size - dataStart;
    if (length < partBytes / 8) return starts;
    int count = (int) Math.max(threads * 2L, (length + partBytes - 1) / partBytes);
    byte[] window = new byte[SAMPLE_BYTES];
    for (int i = 1; i < count; i++) {
      long nominal = dataStart + length * i / count;
      int n = readFully(nominal, window);
      for (int j = 0; j < n; j++) {
        if (window[j] == '\n') {
          long start = nominal + j + 1;
          if (start < size && start > starts.get(starts.size() - 1)) starts.add(start);
          break;
        }
      }
    }
    return starts;
  }

  private int averageRowBytes(long dataStart) {
    byte[] sample = new byte[SAMPLE_BYTES];
    int n = readFully(dataStart, sample);
    int lineFeeds = 0;
    for (int i = 0; i < n; i++) if (sample[i] == '\n') lineFeeds++;
    return lineFeeds == 0 ? 64 : Math.max(16, n / lineFeeds);
  }

  private int readFully(long position, byte[] into) {
    try {
      int filled = 0;
      while (filled < into.length) {
        int n = source.read(position + filled, into, filled, into.length - filled);
        if (n < 0) break;
        filled += n;
      }
      return filled;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private boolean startsWithByteOrderMark() {
    byte[] head = new byte[3];
    return readFully(0, head) == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
  }

  /** Line breaks in [from, to): empty lines that fell between two parts. */
  private int breaksBetween(long from, long to) {
    if (to <= from) return 0;
    byte[] gap = new byte[(int) (to - from)];
    readFully(from, gap);
    int breaks = 0;
    for (int i = 0; i < gap.length; i++) {
      if (gap[i] == '\r' || (gap[i] == '\n' && (i == 0 || gap[i - 1] != '\r'))) breaks++;
    }
    return breaks;
  }

  /** The message commons-csv gives for broken quoting, at the line where its record starts. */
  private DataFileException malformed(PartParser.Malformed m, int base, long bomEnd) {
    String reason = m.endOfFileInQuotes()
        ? String.format("(startline %,d) EOF reached before encapsulated token finished", base + m.breaksAtOffset())
        : String.format("Invalid character between encapsulated token and delimiter at line: %,d, position: %,d",
            base + m.breaksAtOffset(), charactersBefore(bomEnd, m.offset()) + 1);
    return new DataFileException(new Issue(file, Math.max(1, base + m.linesBefore()), 0, null, null,
        "malformed CSV: " + reason + " (check for an unclosed or stray double quote)"));
  }

  /** UTF-16 characters that the bytes [from, to) decode to, counting each malformed sequence as one. */
  private long charactersBefore(long from, long to) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    ByteBuffer in = ByteBuffer.allocate(1 << 16);
    CharBuffer out = CharBuffer.allocate(1 << 16);
    long count = 0;
    long at = from;
    byte[] chunk = new byte[1 << 15];
    while (true) {
      int n = at < to ? readFully(at, chunk) : 0;
      n = (int) Math.min(n, to - at);
      at += n;
      in.put(chunk, 0, n).flip();
      boolean last = n == 0;
      decoder.decode(in, out, last);
      if (last) decoder.flush(out);
      count += out.position();
      out.clear();
      in.compact();
      if (last) return count;
    }
  }

  private Customers merge(List<PartParser> parts, int[] bases, HeaderMapping header, int columns) {
    int n = parts.size();
    int records = 0;
    int rows = 0;
    for (PartParser part : parts) {
      records += part.records;
      rows += part.rows;
    }
    Codes[] codes = new Codes[columns];
    List<List<Object>> values = new ArrayList<>();
    values.add(List.of());
    for (int f = 1; f < columns; f++) {
      Map<Object, Integer> global = new HashMap<>();
      List<Object> distinct = new ArrayList<>();
      int[][] remap = new int[n][];
      Codes[] pieces = new Codes[n];
      for (int p = 0; p < n; p++) {
        List<Object> local = parts.get(p).dictionaries[f].values();
        remap[p] = new int[local.size()];
        for (int c = 0; c < local.size(); c++) {
          remap[p][c] = global.computeIfAbsent(local.get(c), v -> {
            distinct.add(v);
            return distinct.size() - 1;
          });
        }
        pieces[p] = parts.get(p).codes[f];
      }
      codes[f] = Codes.concat(pieces, remap, distinct.size());
      for (PartParser part : parts) part.codes[f] = null;
      values.add(java.util.Collections.unmodifiableList(distinct));
    }
    Ids[] idParts = new Ids[n];
    Lines[] lineParts = new Lines[n];
    for (int p = 0; p < n; p++) {
      idParts[p] = parts.get(p).ids;
      lineParts[p] = parts.get(p).lines;
    }
    Ids ids = Ids.concat(idParts);
    Lines lines = Lines.concat(lineParts, bases);

    List<Issue> issues = new ArrayList<>();
    int uncounted = 0;
    List<SkippedRow> skipped = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      PartParser part = parts.get(p);
      for (PartParser.Found found : part.issues) issues.add(issue(found, bases[p]));
      uncounted += part.moreIssues;
      int base = bases[p];
      for (PartParser.Left left : part.left) {
        skipped.add(new SkippedRow(base + left.line(), left.reasons().stream().map(f -> issue(f, base)).toList()));
      }
    }
    List<int[]> duplicates = duplicates(ids);
    int idColumn = header.columnNumber(Field.CUSTOMER_ID);
    boolean[] keep = null;
    for (int[] duplicate : duplicates) {
      int row = duplicate[0];
      Issue issue = new Issue(file, lines.get(row), idColumn, Field.CUSTOMER_ID.header(), ids.get(row),
          "is already used on line " + lines.get(duplicate[1]) + "; expected unique ids");
      if (options.skipBadRows()) {
        skipped.add(new SkippedRow(lines.get(row), List.of(issue)));
        if (keep == null) {
          keep = new boolean[rows];
          Arrays.fill(keep, true);
        }
        keep[row] = false;
      } else {
        issues.add(issue);
      }
    }
    if (!issues.isEmpty()) {
      issues.sort(Comparator.comparingInt(Issue::line));
      int listed = Math.min(issues.size(), options.maxIssues());
      throw new DataFileException(file, issues.subList(0, listed), uncounted + issues.size() - listed);
    }
    if (records == 0) {
      throw new DataFileException(new Issue(file, 2, 0, null, null, "the file has a header but no data rows"));
    }
    skipped.sort(Comparator.comparingInt(SkippedRow::line));
    if (keep != null) {
      int kept = rows - duplicates.size();
      for (int f = 1; f < columns; f++) codes[f] = codes[f].keep(keep, kept);
      ids = ids.keep(keep, kept);
      lines = lines.keep(keep);
      rows = kept;
    }
    if (rows == 0) {
      throw new DataFileException(file, skipped.stream().flatMap(s -> s.reasons().stream())
          .limit(options.maxIssues()).toList(), 0);
    }
    List<List<Object>> kept = new ArrayList<>();
    for (int f = FIELDS.length; f < columns; f++) kept.add(usedValues(codes[f], values.get(f), rows));
    List<ExtraColumn> extras = ExtraColumn.of(header.extraColumns(), kept);
    for (int e = 0; e < extras.size(); e++) {
      List<Object> typed = new ArrayList<>();
      for (Object text : values.get(FIELDS.length + e)) typed.add(extras.get(e).value(text));
      values.set(FIELDS.length + e, java.util.Collections.unmodifiableList(typed));
    }
    return new Customers(file, rows, ids, lines, codes, values, List.copyOf(skipped), extras, header.missing(),
        header.choices());
  }

  /** The values some kept row holds: a column's type is settled by the rows kept, not by skipped or repeated ones. */
  private static List<Object> usedValues(Codes codes, List<Object> values, int rows) {
    boolean[] used = new boolean[values.size()];
    for (int row = 0; row < rows; row++) used[codes.get(row)] = true;
    List<Object> out = new ArrayList<>();
    for (int c = 0; c < used.length; c++) if (used[c]) out.add(values.get(c));
    return out;
  }

  private Issue issue(PartParser.Found found, int base) {
    return new Issue(file, base + found.line(), found.columnNumber(), found.column(), found.value(), found.message());
  }

  /**
   * Rows whose id an earlier row already has, each with that earlier row, in row order. Ids are
   * first compared by number or hash on primitive arrays; only ids that may repeat become Strings.
   */
  static List<int[]> duplicates(Ids ids) {
    int n = ids.size();
    Set<Long> suspects = new HashSet<>();
    long[] keys;
    if (ids.numeric()) {
      keys = ids.numbers();
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (int i = 0; i < n; i++) {
        min = Math.min(min, keys[i]);
        max = Math.max(max, keys[i]);
      }
      if (n > 0 && max - min < 16L * n + 4096) {
        long[] seen = new long[(int) ((max - min) / 64 + 1)];
        for (int i = 0; i < n; i++) {
          long offset = keys[i] - min;
          int word = (int) (offset >>> 6);
          long bit = 1L << offset;
          if ((seen[word] & bit) != 0) suspects.add(keys[i]);
          seen[word] |= bit;
        }
      } else {
        collectRepeats(Arrays.copyOf(keys, n), suspects);
      }
    } else {
      keys = new long[n];
      for (int i = 0; i < n; i++) keys[i] = ids.hash(i);
      collectRepeats(Arrays.copyOf(keys, n), suspects);
    }
    if (suspects.isEmpty()) return List.of();
    List<int[]> out = new ArrayList<>();
    Map<String, Integer> first = new HashMap<>();
    for (int i = 0; i < n; i++) {
      if (!suspects.contains(keys[i])) continue;
      Integer earlier = first.putIfAbsent(ids.get(i), i);
      if (earlier != null) out.add(new int[] {i, earlier});
    }
    return out;
  }

  private static void collectRepeats(long[] sorted, Set<Long> into) {
    Arrays.sort(sorted);
    for (int i = 1; i < sorted.length; i++) if (sorted[i] == sorted[i - 1]) into.add(sorted[i]);
  }
}
