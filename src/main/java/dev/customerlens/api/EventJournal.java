package dev.customerlens.api;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.customerlens.export.Export;
import dev.customerlens.export.Json;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The event log file that live events are appended to, and beside it ({@code events.csv.keys}) the
 * idempotency keys of the requests whose events it holds.
 *
 * <p>What it promises. A record is complete when it ends in a line break outside quotes, and a
 * group of records is acknowledged only after all of its bytes and that break are forced to disk.
 * An append that fails midway is cut back off the file, so the log holds whole records or nothing
 * of a request. A crash can still leave a torn last record; {@link #recover} moves it aside before
 * the log is read. Each key line is written and forced before its records, and names the log's
 * size once they are in; on opening, a key whose records did not make it is forgotten. So a request
 * that was acknowledged is answered again from its key after a restart, and one that was not leaves
 * neither events nor a key, and its retry applies it once.
 */
final class EventJournal implements AutoCloseable {
  /** How many keys are remembered, in memory and in the keys file (the oldest are forgotten first). */
  static final int REMEMBERED_KEYS = 10_000;

  /** A request's records, as the CSV writer wrote them, and its key (or null) and answer. */
  record Entry(String key, String digest, String records, LiveEvents.Accepted answer) {}

  /** One line of the keys file: the log's size once the request's records were in. */
  record KeyLine(String key, String sha256, long end, LiveEvents.Accepted answer) {}

  /** How files are opened: a test substitutes channels that fail partway through a write. */
  @FunctionalInterface
  interface ChannelOpener {
    FileChannel open(Path file, OpenOption... options) throws IOException;
  }

  private static final ObjectWriter ONE_LINE = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Path log;
  private final Path keysFile;
  private final FileChannel records;
  private final FileChannel keys;
  private final Map<String, KeyLine> remembered;
  private long end;
  private long keysEnd;
  private boolean broken;

  private EventJournal(Path log, Path keysFile, FileChannel records, FileChannel keys, Map<String, KeyLine> remembered)
      throws IOException {
    this.log = log;
    this.keysFile = keysFile;
    this.records = records;
    this.keys = keys;
    this.remembered = remembered;
    this.end = records.size();
    this.keysEnd = keys.size();
  }

  static EventJournal open(Path log) {
    return open(log, FileChannel::open);
  }

  /** Recovers a torn tail, forgets keys whose records are not in the log, and opens both files for appending. */
  static EventJournal open(Path log, ChannelOpener files) {
    recover(log).ifPresent(System.err::println);
    Path keysFile = log.resolveSibling(log.getFileName() + ".keys");
    try {
      long size = Files.size(log);
      Map<String, KeyLine> remembered = readKeys(keysFile, size);
      // Rewritten whole: drops a torn last line and keys past the log's end, and keeps the file short.
      Export.atomically(keysFile, out -> {
        for (KeyLine line : remembered.values()) out.write(ONE_LINE.writeValueAsString(line) + "\n");
      });
      FileChannel records = files.open(log, StandardOpenOption.READ, StandardOpenOption.WRITE);
      endWithLineBreak(records);
      return new EventJournal(log, keysFile, records, files.open(keysFile, StandardOpenOption.WRITE), remembered);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the event log " + log + " for appending", e);
    }
  }

  /**
   * A log that is one line without its break is a header written by hand: after recovery, nothing
   * else can lack it. The break goes in now, so that the first record does not run on from it.
   */
  private static void endWithLineBreak(FileChannel log) throws IOException {
    long size = log.size();
    if (size == 0) return;
    ByteBuffer last = ByteBuffer.allocate(1);
    log.read(last, size - 1);
    if (last.get(0) == '\n') return;
    log.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
    log.force(false);
  }

  /**
   * Moves an incomplete last record (a write cut short by a crash or a full disk) to a file of its
   * own beside the log, {@code events.csv.torn-20240630T101500Z}, and cuts it off the log, so that
   * it is neither loaded with a wrong value nor in the way of the next start. Returns a warning
   * naming that file, or empty when the log ends in a whole record.
   */
  static Optional<String> recover(Path log) {
    if (!Files.isRegularFile(log)) return Optional.empty();
    try {
      long complete = completeLength(log);
      long size = Files.size(log);
      // A log without even one whole line has no header to keep; the reader says what is wrong with it.
      if (complete == size || complete == 0) return Optional.empty();
      Path aside = log.resolveSibling(log.getFileName() + ".torn-" + STAMP.format(Instant.now()));
      try (FileChannel in = FileChannel.open(log, StandardOpenOption.READ, StandardOpenOption.WRITE);
          FileChannel out = FileChannel.open(aside, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        in.transferTo(complete, size - complete, out);
        out.force(true);
        in.truncate(complete);
        in.force(true);
      }
      return Optional.of(String.format(Locale.ROOT, "warning: %s ended in an incomplete record (%,d bytes, a write "
          + "cut short); moved it to %s and did not load it", log, size - complete, aside));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot recover the end of the event log " + log, e);
    }
  }

  /**
   * The length of the log up to the end of its last complete record: its last line break outside
   * quotes. Quotes follow RFC 4180, as the writer and the reader do: a quote opens a quoted cell only
   * at the start of a cell, and two quotes inside one stand for one.
   */
  static long completeLength(Path log) throws IOException {
    long complete = 0;
    long position = 0;
    boolean quoted = false;
    boolean cellStart = true;
    boolean quoteInQuoted = false;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(log), 1 << 16)) {
      for (int b; (b = in.read()) != -1; position++) {
        if (quoted) {
          if (quoteInQuoted) {
            quoteInQuoted = false;
            if (b == '"') continue;
            quoted = false;
          } else {
            if (b == '"') quoteInQuoted = true;
            continue;
          }
        }
        if (b == '"' && cellStart) {
          quoted = true;
          cellStart = false;
        } else if (b == '\n') {
          complete = position + 1;
          cellStart = true;
        } else {
          cellStart = b == ',';
        }
      }
    }
    return complete;
  }

  private static Map<String, KeyLine> readKeys(Path keysFile, long logSize) throws IOException {
    Map<String, KeyLine> remembered = bounded();
    if (!Files.exists(keysFile)) return remembered;
    try (BufferedReader in = Files.newBufferedReader(keysFile, StandardCharsets.UTF_8)) {
      for (String line; (line = in.readLine()) != null; ) {
        KeyLine key;
        try {
          key = Json.mapper().readValue(line, KeyLine.class);
        } catch (IOException torn) {
          // Only the last line can be torn: its records were never written, as keys go first.
          break;
        }
        if (key.end() <= logSize) remembered.put(key.key(), key);
      }
    }
    return remembered;
  }

  private static Map<String, KeyLine> bounded() {
    return new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, KeyLine> eldest) {
        return size() > REMEMBERED_KEYS;
      }
    };
  }

  Path log() {
    return log;
  }

  /** The key as a committed request used it, if it is remembered. */
  synchronized Optional<KeyLine> remembered(String key) {
    return Optional.ofNullable(remembered.get(key));
  }

  /**
   * Appends the entries' records as one write, forced to disk with one call, their keys first. On
   * failure nothing of them stays in either file, and the exception says why.
   */
  synchronized void append(List<Entry> entries) {
    if (broken) {
      throw new UncheckedIOException(new IOException("an earlier write to " + log + " failed and could not be undone;"
          + " restart the server to recover the log"));
    }
    StringBuilder text = new StringBuilder();
    StringBuilder keyText = new StringBuilder();
    List<KeyLine> lines = new ArrayList<>();
    long at = end;
    for (Entry entry : entries) {
      byte[] bytes = entry.records().getBytes(StandardCharsets.UTF_8);
      at += bytes.length;
      text.append(entry.records());
      if (entry.key() != null) {
        KeyLine line = new KeyLine(entry.key(), entry.digest(), at, entry.answer());
        lines.add(line);
        try {
          keyText.append(ONE_LINE.writeValueAsString(line)).append('\n');
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    try {
      long newKeysEnd = keyText.isEmpty() ? keysEnd : write(keys, keysEnd, keyText.toString());
      end = write(records, end, text.toString());
      keysEnd = newKeysEnd;
    } catch (IOException e) {
      undo(e);
      throw new UncheckedIOException("cannot append to the event log " + log, e);
    }
    for (KeyLine line : lines) remembered.put(line.key(), line);
  }

  /** Writes at {@code position} and forces it to disk; returns the new end. */
  private static long write(FileChannel file, long position, String text) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    long at = position;
    while (bytes.hasRemaining()) at += file.write(bytes, at);
    file.force(false);
    return at;
  }

  /** Cuts both files back to what was there before this append; if that fails too, refuses further appends. */
  private void undo(IOException failure) {
    try {
      records.truncate(end);
      keys.truncate(keysEnd);
      records.force(false);
      keys.force(false);
    } catch (IOException again) {
      failure.addSuppressed(again);
      broken = true;
    }
  }

  @Override
  public synchronized void close() {
    try {
      records.close();
      keys.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the event log " + log, e);
    }
  }

  @Override
  public String toString() {
    return "EventJournal(" + log + ", " + keysFile + ")";
  }
}
