package dev.customerlens.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.events.EventLog;
import dev.customerlens.events.LogFormat;
import dev.customerlens.events.LogReadOptions;
import dev.customerlens.export.Export;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventJournalTest {
  private static final String HEADER = "customer_id,timestamp,event,category,amount\n";
  private static final String WHOLE = "7,2024-06-30T10:00:00,purchase,Clothing,125\n";
  private static final LiveEvents.Accepted ONE = new LiveEvents.Accepted(1, 0, List.of(), true, null);

  @TempDir Path dir;

  private Path log(String text) throws IOException {
    Path log = dir.resolve("events.csv");
    Files.writeString(log, text);
    return log;
  }

  private List<Path> tornFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith("events.csv.torn-")).toList();
    }
  }

  @Test
  void aLastRecordWithoutItsLineBreakIsMovedAsideEvenWhenItParses() throws IOException {
    // Cut short after "12" of "125": five fields that would load as an amount of 12.
    Path log = log(HEADER + WHOLE + "7,2024-06-30T11:00:00,purchase,Clothing,12");
    String warning = EventJournal.recover(log).orElseThrow();
    assertEquals(HEADER + WHOLE, Files.readString(log));
    List<Path> torn = tornFiles();
    assertEquals(1, torn.size());
    assertEquals("7,2024-06-30T11:00:00,purchase,Clothing,12", Files.readString(torn.get(0)));
    assertTrue(warning.contains(torn.get(0).toString()) && warning.contains("42 bytes"), warning);
    EventLog read = EventLog.read(log, LogFormat.EVENTS, LogReadOptions.strict());
    assertEquals(1, read.rowCount());
    assertEquals(125.0, read.table().doubleColumn("amount").get(0));
  }

  @Test
  void aRecordCutInsideAQuotedLineBreakIsMovedAside() throws IOException {
    Path log = log(HEADER + WHOLE + "7,2024-06-30T11:00:00,view,\"x\n");
    assertTrue(EventJournal.recover(log).isPresent());
    assertEquals(HEADER + WHOLE, Files.readString(log));
    assertEquals("7,2024-06-30T11:00:00,view,\"x\n", Files.readString(tornFiles().get(0)));
  }

  @Test
  void wholeRecordsWithQuotedLineBreaksAndQuotesAreLeftAlone() throws IOException {
    String quoted = Export.csvRecord(List.of("7", "2024-06-30T11:00:00", "view", "say \"hi\"\nthen, go", ""));
    assertEquals("7,2024-06-30T11:00:00,view,\"say \"\"hi\"\"\nthen, go\",\n", quoted);
    Path log = log(HEADER + WHOLE + quoted);
    assertTrue(EventJournal.recover(log).isEmpty());
    assertEquals(HEADER + WHOLE + quoted, Files.readString(log));
    assertEquals(List.of(), tornFiles());
    EventLog read = EventLog.read(log, LogFormat.EVENTS, LogReadOptions.strict());
    assertEquals("say \"hi\"\nthen, go", read.table().stringColumn("category").get(1));
  }

  @Test
  void aLogThatIsOnlyAHeaderWithoutItsLineBreakGetsItBeforeTheFirstRecord() throws IOException {
    Path log = log(HEADER.strip());
    assertTrue(EventJournal.recover(log).isEmpty(), "a header is not a torn record");
    try (EventJournal journal = EventJournal.open(log)) {
      journal.append(List.of(new EventJournal.Entry(null, null, WHOLE, ONE)));
    }
    assertEquals(HEADER + WHOLE, Files.readString(log));
  }

  @Test
  void keysSurviveReopeningAndAKeyWhoseRecordsNeverLandedIsForgotten() throws IOException {
    Path log = log(HEADER);
    try (EventJournal journal = EventJournal.open(log)) {
      journal.append(List.of(new EventJournal.Entry("k1", "d1", WHOLE, ONE)));
    }
    // A crash after the second key line was forced but before its records were written.
    Files.writeString(dir.resolve("events.csv.keys"), "{\"key\":\"k2\",\"sha256\":\"d2\",\"end\":999,\"answer\":{}}\n"
        + "{\"key\":\"k3\",\"sha", java.nio.file.StandardOpenOption.APPEND);
    try (EventJournal journal = EventJournal.open(log)) {
      EventJournal.KeyLine k1 = journal.remembered("k1").orElseThrow();
      assertEquals("d1", k1.sha256());
      assertEquals(1, k1.answer().accepted());
      assertFalse(journal.remembered("k2").isPresent());
      assertFalse(journal.remembered("k3").isPresent());
    }
    assertEquals(HEADER + WHOLE, Files.readString(log));
    assertEquals(1, Files.readAllLines(dir.resolve("events.csv.keys")).size());
  }

  @Test
  void aWriteThatFailsMidwayLeavesNothingOfTheGroupAndTheNextOneLands() throws IOException {
    Path log = log(HEADER + WHOLE);
    FailingChannel[] opened = new FailingChannel[2];
    int[] count = {0};
    try (EventJournal journal = EventJournal.open(log, (file, options) -> {
      FailingChannel channel = new FailingChannel(FileChannel.open(file, options));
      opened[count[0]++] = channel;
      return channel;
    })) {
      FailingChannel records = opened[0];
      records.failAfter = 10;
      String two = "8,2024-06-30T12:00:00,view,Shoes,\n9,2024-06-30T12:00:01,cart,Shoes,\n";
      assertThrows(UncheckedIOException.class, () -> journal.append(List.of(
          new EventJournal.Entry("k", "d", two, ONE))));
      assertTrue(records.written >= 10, "the write got partway");
      assertEquals(HEADER + WHOLE, Files.readString(log), "the partial write was cut off");
      assertFalse(journal.remembered("k").isPresent());
      assertEquals("", Files.readString(dir.resolve("events.csv.keys")), "its key line was cut off too");
      records.failAfter = -1;
      journal.append(List.of(new EventJournal.Entry("k", "d", two, ONE)));
      assertEquals(HEADER + WHOLE + two, Files.readString(log));
      assertTrue(journal.remembered("k").isPresent());
    }
  }

  /** A file that fails with "No space left on device" once {@code failAfter} bytes were written. */
  private static final class FailingChannel extends FileChannel {
    private final FileChannel file;
    int failAfter = -1;
    long written;

    FailingChannel(FileChannel file) {
      this.file = file;
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
      if (failAfter >= 0 && written >= failAfter) throw new IOException("No space left on device");
      int n = src.remaining();
      if (failAfter >= 0) {
        ByteBuffer part = src.duplicate();
        part.limit(part.position() + (int) Math.min(n, failAfter - written));
        n = file.write(part, position);
        src.position(src.position() + n);
      } else {
        n = file.write(src, position);
      }
      written += n;
      return n;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return file.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
      return file.read(dsts, offset, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      return write(src, position());
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
      throw new UnsupportedOperationException();
    }

    @Override
    public long position() throws IOException {
      return file.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
      file.position(newPosition);
      return this;
    }

    @Override
    public long size() throws IOException {
      return file.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
      file.truncate(size);
      return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
      file.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
      return file.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
      throw new UnsupportedOperationException();
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
      return file.read(dst, position);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
      throw new UnsupportedOperationException();
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
      return file.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
      return file.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
      file.close();
    }
  }
}
