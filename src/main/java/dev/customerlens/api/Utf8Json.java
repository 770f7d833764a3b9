package dev.customerlens.api;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A finished JSON document held only as its UTF-8 bytes. Jackson's byte generators copy it into
 * their output as it is ({@code writeRawValue}), so a kept document costs its bytes and no more,
 * and is never decoded or encoded again. The quoted forms (the document as a JSON string) are only
 * there because the interface asks for them.
 */
final class Utf8Json implements SerializableString {
  private final byte[] utf8;

  /** @param utf8 a whole JSON document, encoded; kept as it is, not copied */
  Utf8Json(byte[] utf8) {
    this.utf8 = utf8;
  }

  int byteLength() {
    return utf8.length;
  }

  @Override
  public String getValue() {
    return new String(utf8, StandardCharsets.UTF_8);
  }

  @Override
  public int charLength() {
    return getValue().length();
  }

  /** The bytes themselves, not a copy, as Jackson's own kept strings do: a generator only reads them. */
  @Override
  public byte[] asUnquotedUTF8() {
    return utf8;
  }

  @Override
  public int appendUnquotedUTF8(byte[] buffer, int offset) {
    if (offset + utf8.length > buffer.length) return -1;
    System.arraycopy(utf8, 0, buffer, offset, utf8.length);
    return utf8.length;
  }

  @Override
  public int writeUnquotedUTF8(OutputStream out) throws IOException {
    out.write(utf8);
    return utf8.length;
  }

  @Override
  public int putUnquotedUTF8(ByteBuffer buffer) {
    if (utf8.length > buffer.remaining()) return -1;
    buffer.put(utf8);
    return utf8.length;
  }

  @Override
  public int appendUnquoted(char[] buffer, int offset) {
    return copy(getValue().toCharArray(), buffer, offset);
  }

  @Override
  public char[] asQuotedChars() {
    return JsonStringEncoder.getInstance().quoteAsString(getValue());
  }

  @Override
  public byte[] asQuotedUTF8() {
    return JsonStringEncoder.getInstance().quoteAsUTF8(getValue());
  }

  @Override
  public int appendQuotedUTF8(byte[] buffer, int offset) {
    byte[] quoted = asQuotedUTF8();
    if (offset + quoted.length > buffer.length) return -1;
    System.arraycopy(quoted, 0, buffer, offset, quoted.length);
    return quoted.length;
  }

  @Override
  public int appendQuoted(char[] buffer, int offset) {
    return copy(asQuotedChars(), buffer, offset);
  }

  @Override
  public int writeQuotedUTF8(OutputStream out) throws IOException {
    byte[] quoted = asQuotedUTF8();
    out.write(quoted);
    return quoted.length;
  }

  @Override
  public int putQuotedUTF8(ByteBuffer buffer) {
    byte[] quoted = asQuotedUTF8();
    if (quoted.length > buffer.remaining()) return -1;
    buffer.put(quoted);
    return quoted.length;
  }

  private static int copy(char[] chars, char[] buffer, int offset) {
    if (offset + chars.length > buffer.length) return -1;
    System.arraycopy(chars, 0, buffer, offset, chars.length);
    return chars.length;
  }

  @Override
  public String toString() {
    return getValue();
  }
}
