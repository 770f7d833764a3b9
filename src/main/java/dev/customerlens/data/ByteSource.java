package dev.customerlens.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;

/**
 * The bytes of one input, readable at any position so that separate threads can parse separate
 * parts of it. Positional reads go through the page cache and never map the file, so a large input
 * does not count towards this process's resident memory. A gzip-compressed input (known by its first
 * bytes, whatever its name) is read as the text it holds; a ZIP archive, such as an Excel workbook,
 * is refused with what to do instead.
 */
public interface ByteSource extends AutoCloseable {
  /** How errors name the input, as {@code Dataset} does. */
  String name();

  long size();

  /** Fills up to {@code length} bytes; returns how many were read, 0 or more, or -1 at the end. */
  int read(long position, byte[] into, int offset, int length) throws IOException;

  @Override
  void close() throws IOException;

  /**
   * A file's bytes; a gzip-compressed file's text, unpacked first into a temporary file that
   * {@link #close} deletes.
   */
  static ByteSource of(Path file) throws IOException {
    if (!gzipped(file)) return ofFile(file, file.toString(), false);
    Path unpacked = Files.createTempFile("customer-lens-", ".csv");
    try (InputStream in = open(file)) {
      Files.copy(in, unpacked, StandardCopyOption.REPLACE_EXISTING);
      return ofFile(unpacked, file.toString(), true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(unpacked);
      throw e;
    }
  }

  /** A file's text as a stream, for readers that read from the start: unpacked as it is read where it is gzip-compressed. */
  static InputStream open(Path file) throws IOException {
    boolean gzip = gzipped(file);
    InputStream in = Files.newInputStream(file);
    return gzip ? new GZIPInputStream(new BufferedInputStream(in, 1 << 16), 1 << 16) : in;
  }

  /** Whether the file is gzip-compressed, from its first bytes; a ZIP archive is refused here. */
  private static boolean gzipped(Path file) throws IOException {
    byte[] head = new byte[4];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    if (n >= 2 && (head[0] & 0xFF) == 0x1f && (head[1] & 0xFF) == 0x8b) return true;
    if (n == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
      throw new DataFileException(Issue.ofFile(file.toString(), 1, "is a ZIP archive (an Excel workbook is one), "
          + "not a CSV file: save the sheet as CSV, or unzip the archive, and give that file"));
    }
    return false;
  }

  private static ByteSource ofFile(Path file, String name, boolean deleteOnClose) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    long size = channel.size();
    return new ByteSource() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public long size() {
        return size;
      }

      @Override
      public int read(long position, byte[] into, int offset, int length) throws IOException {
        if (position >= size) return -1;
        return channel.read(ByteBuffer.wrap(into, offset, length), position);
      }

      @Override
      public void close() throws IOException {
        channel.close();
        if (deleteOnClose) Files.deleteIfExists(file);
      }
    };
  }

  /** Bytes already in memory, such as the small embedded dataset. */
  static ByteSource of(String name, byte[] bytes) {
    return new ByteSource() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public long size() {
        return bytes.length;
      }

      @Override
      public int read(long position, byte[] into, int offset, int length) {
        if (position >= bytes.length) return -1;
        int n = (int) Math.min(length, bytes.length - position);
        System.arraycopy(bytes, (int) position, into, offset, n);
        return n;
      }

      @Override
      public void close() {}
    };
  }
}
