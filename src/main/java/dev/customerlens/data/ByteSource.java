package dev.customerlens.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The bytes of one input, readable at any position so that separate threads can parse separate
 * parts of it. Positional reads go through the page cache and never map the file, so a large input
 * does not count towards this process's resident memory.
 */
public interface ByteSource extends AutoCloseable {
  /** How errors name the input, as {@code Dataset} does. */
  String name();

  long size();

  /** Fills up to {@code length} bytes; returns how many were read, 0 or more, or -1 at the end. */
  int read(long position, byte[] into, int offset, int length) throws IOException;

  @Override
  void close() throws IOException;

  static ByteSource of(Path file) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    long size = channel.size();
    String name = file.toString();
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
