package dev.customerlens.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A validated customer table: the one way to read customer files. Every cell is checked against
 * the "Customer Shopping Trends" schema ({@link Field}); problems come back as a
 * {@link DataFileException} listing file, line, column and value of each.
 *
 * <pre>{@code
 * Dataset customers = Dataset.read(Path.of("customers.csv"));
 * Dataset partial = Dataset.read(Path.of("messy.csv"), ReadOptions.lenient());
 * partial.skipped();   // which rows were left out, and why
 * }</pre>
 */
public final class Dataset {
  static final String EMBEDDED_RESOURCE = "/dev/customerlens/data/customers.csv";

  private final String source;
  /** The rows as the reader coded them, for a dataset read from a customer file; else null. */
  private final Customers coded;
  /** Laid out from {@link #coded} on first use: a notebook that never asks for it never pays for it. */
  private Table table;
  private final List<String> extraColumns;
  private final List<SkippedRow> skipped;
  private final String sha256;
  private final List<Field> missingColumns;
  private final List<HeaderChoice> headerChoices;
  /** True when {@link #table} holds features under their snake_case names rather than the schema's columns. */
  private final boolean derived;
  private final List<AuditFinding> notes;

  Dataset(String source, Table table, List<String> extraColumns, List<SkippedRow> skipped, String sha256,
      List<Field> missingColumns, List<HeaderChoice> headerChoices) {
    this(source, null, table, extraColumns, skipped, sha256, missingColumns, headerChoices, false, List.of());
  }

  private Dataset(String source, Customers coded, Table table, List<String> extraColumns, List<SkippedRow> skipped,
      String sha256, List<Field> missingColumns, List<HeaderChoice> headerChoices, boolean derived,
      List<AuditFinding> notes) {
    this.source = source;
    this.coded = coded;
    this.table = table;
    this.extraColumns = List.copyOf(extraColumns);
    this.skipped = List.copyOf(skipped);
    this.sha256 = sha256;
    this.missingColumns = List.copyOf(missingColumns);
    this.headerChoices = List.copyOf(headerChoices);
    this.derived = derived;
    this.notes = List.copyOf(notes);
  }

  /**
   * Customers whose features were derived elsewhere (from a transaction or event log), already under
   * the names rules refer to, with a customer_id column. {@code notes} are what the audit must say
   * about how they were derived.
   */
  public static Dataset derived(String source, Table features, String sha256, List<SkippedRow> skipped,
      List<AuditFinding> notes) {
    if (!features.containsColumn(Field.CUSTOMER_ID.key())) {
      throw new IllegalArgumentException("derived features need a " + Field.CUSTOMER_ID.key() + " column");
    }
    return new Dataset(source, null, features, List.of(), skipped, sha256, List.of(), List.of(), true, notes);
  }

  /** This dataset with more findings for its audit, such as ids that a joined log does not share. */
  public Dataset withNotes(List<AuditFinding> more) {
    List<AuditFinding> all = new java.util.ArrayList<>(notes);
    all.addAll(more);
    return new Dataset(source, coded, table, extraColumns, skipped, sha256, missingColumns, headerChoices, derived, all);
  }

  /** Whether these customers come from a log's features rather than from a customer table's columns. */
  public boolean isDerived() {
    return derived;
  }

  /** Findings added by whoever built this dataset, beyond what the audit finds in the table itself. */
  public List<AuditFinding> notes() {
    return notes;
  }

  /** SHA-256 of a file's bytes, in hex, for datasets derived from a file read elsewhere. */
  public static String sha256Of(Path file) {
    MessageDigest digest = sha256Digest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  public static Dataset read(Path file) {
    return read(file, ReadOptions.strict());
  }

  public static Dataset read(Path file, ReadOptions options) {
    return read(file, options, bytes -> {});
  }

  /** @param progress told of each run of bytes read, from several threads: for a progress bar */
  public static Dataset read(Path file, ReadOptions options, LongConsumer progress) {
    try (ByteSource source = ByteSource.of(file)) {
      return read(source, options, progress, sha256Of(file));
    } catch (NoSuchFileException e) {
      throw new DataFileException(Issue.ofFile(file.toString(), 1, "no such file"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Reads UTF-8 text (with or without a byte order mark) from a stream; {@code name} labels errors. */
  public static Dataset read(InputStream in, String name, ReadOptions options) {
    try {
      byte[] bytes = in.readAllBytes();
      return read(ByteSource.of(name, bytes), options, n -> {}, HexFormat.of().formatHex(sha256Digest().digest(bytes)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  /**
   * Every customer file is read by one reader: parts of it in parallel, straight from bytes ({@link
   * ByteCsvReader}), then laid out as Tablesaw columns. Bytes that are not UTF-8 are reported with
   * their line and column.
   */
  private static Dataset read(ByteSource source, ReadOptions options, LongConsumer progress, String sha256) {
    int threads = Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
      Thread thread = new Thread(task, "read-customers");
      thread.setDaemon(true);
      return thread;
    });
    try {
      Customers read = new ByteCsvReader(source, options, pool, threads, progress, ByteCsvReader.PART_BYTES, true).read();
      return new Dataset(read.source(), read, null, read.extraColumns(), read.skipped(), sha256,
          read.missingColumns(), read.headerChoices(), false, List.of());
    } finally {
      pool.shutdownNow();
    }
  }

  /** The 3,900-customer table generated by {@code SyntheticCustomers} and shipped in the jar. */
  public static Dataset embedded() {
    InputStream in = Dataset.class.getResourceAsStream(EMBEDDED_RESOURCE);
    if (in == null) throw new IllegalStateException("the embedded dataset is missing from the classpath");
    return read(in, "embedded:customers.csv", ReadOptions.strict());
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * The same customers with every id replaced by its keyed pseudonym, so nothing downstream (API,
   * exports, reports) ever sees a raw id. Skipped-row reports keep their line numbers but lose their ids.
   */
  public Dataset pseudonymised(Pseudonyms pseudonyms) {
    Table copy = table().copy();
    String idColumn = idColumn();
    StringColumn ids = copy.stringColumn(idColumn);
    StringColumn hidden = StringColumn.create(idColumn);
    for (int i = 0; i < ids.size(); i++) hidden.append(pseudonyms.of(ids.get(i)));
    copy.replaceColumn(idColumn, hidden);
    List<SkippedRow> withoutValues = skipped.stream().map(row -> new SkippedRow(row.line(), row.reasons().stream()
        .map(i -> new Issue(i.file(), i.line(), i.columnNumber(), i.column(), null, i.message())).toList())).toList();
    return new Dataset(source + " (pseudonymised ids)", null, copy, extraColumns, withoutValues, sha256,
        missingColumns, headerChoices, derived, notes);
  }

  /** The name of the customer id column of {@link #table()}. */
  public String idColumn() {
    return derived ? Field.CUSTOMER_ID.key() : Field.CUSTOMER_ID.header();
  }

  /** File name or label the rows came from, as used in error messages. */
  public String source() {
    return source;
  }

  /**
   * The typed customer table: the 18 schema columns under their published names (a missing column
   * holds no values), then any extra columns, typed as {@link ExtraColumn} types them; for a {@linkplain #isDerived() derived} dataset,
   * the features under their own names. Shared, not copied: treat it as read-only.
   */
  public synchronized Table table() {
    if (table == null) table = coded.table();
    return table;
  }

  /** The rows as the reader coded them, when this dataset was read from a customer file as it stands. */
  public Optional<Customers> coded() {
    return Optional.ofNullable(coded);
  }

  /** SHA-256 of the input's bytes, in hex, so any number can be traced to the exact file it came from. */
  public String sha256() {
    return sha256;
  }

  public int rowCount() {
    return coded != null ? coded.rows() : table().rowCount();
  }

  /**
   * Optional schema columns the file lacks. Their table columns are present but missing in every
   * row, so code written for all 18 columns still runs; rules, traits and score terms that need one
   * of them are unavailable (see {@link #unavailableFeatures()}), never guessed.
   */
  public List<Field> missingColumns() {
    return missingColumns;
  }

  /** The {@link Field#key()} of each missing column: the features rules and scores cannot use on this table. */
  public Set<String> unavailableFeatures() {
    return missingColumns.stream().map(Field::key).collect(Collectors.toUnmodifiableSet());
  }

  /** Columns read from a header other than their exact name, or whose rivals were set aside. */
  public List<HeaderChoice> headerChoices() {
    return headerChoices;
  }

  /** Header names of columns outside the schema: features named by {@link ExtraColumn#keys}. */
  public List<String> extraColumns() {
    return extraColumns;
  }

  /** Rows left out by a lenient read; always empty for a strict one. */
  public List<SkippedRow> skipped() {
    return skipped;
  }

  /**
   * What an analyst must know before trusting this table: columns that repeat or imply one
   * another, synonym labels, constant columns, missing values, outliers, skipped and extra
   * columns, and the analyses the table cannot support on its own.
   */
  public AuditReport audit() {
    return Audit.of(this);
  }

  @Override
  public String toString() {
    return source + ": " + rowCount() + " customers" + (skipped.isEmpty() ? "" : ", " + skipped.size() + " rows skipped");
  }
}
