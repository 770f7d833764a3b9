package dev.customerlens.data;

import dev.customerlens.errors.WorkspaceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms for customer ids: HMAC-SHA256 of the id under a secret key, the first 16 bytes
 * in hex. The same key always gives the same pseudonym, so joins and deep links keep working, and
 * without the key a pseudonym cannot be traced back to its id (nor guessed by hashing candidate ids).
 */
public final class Pseudonyms {
  /** Shorter keys are easy to guess by brute force. */
  public static final int MIN_KEY_BYTES = 16;
  private static final int PSEUDONYM_BYTES = 16;

  private final SecretKeySpec key;

  private Pseudonyms(byte[] key) {
    if (key.length < MIN_KEY_BYTES) {
      throw new WorkspaceException("an anonymisation key needs at least " + MIN_KEY_BYTES + " bytes, this one has "
          + key.length);
    }
    this.key = new SecretKeySpec(key, "HmacSHA256");
  }

  /** The key is the file's bytes, without trailing blanks and line breaks. */
  public static Pseudonyms fromKeyFile(Path file) {
    try {
      // Any bytes make a key (head -c 32 /dev/urandom), not only text; trailing blanks and line breaks
      // are left out, as an editor may add them.
      byte[] bytes = Files.readAllBytes(file);
      int length = bytes.length;
      while (length > 0 && (bytes[length - 1] == '\n' || bytes[length - 1] == '\r' || bytes[length - 1] == ' '
          || bytes[length - 1] == '\t')) {
        length--;
      }
      return new Pseudonyms(Arrays.copyOf(bytes, length));
    } catch (NoSuchFileException e) {
      throw new WorkspaceException(file + ": no such key file");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the key file " + file, e);
    }
  }

  public static Pseudonyms withKey(byte[] key) {
    return new Pseudonyms(key.clone());
  }

  public String of(String customerId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] digest = mac.doFinal(customerId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, PSEUDONYM_BYTES);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }

  @Override
  public String toString() {
    return "Pseudonyms(HMAC-SHA256, key hidden)";
  }
}
