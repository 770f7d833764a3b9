package dev.customerlens.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.errors.WorkspaceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymsTest {
  private static final Pseudonyms KEY_A = Pseudonyms.withKey("an example key of 32 characters!".getBytes(StandardCharsets.UTF_8));
  private static final Pseudonyms KEY_B = Pseudonyms.withKey("another key, also long enough...".getBytes(StandardCharsets.UTF_8));

  @Test
  void sameKeyGivesTheSamePseudonymAndAnotherKeyAnother() {
    assertEquals(KEY_A.of("101"), KEY_A.of("101"));
    assertNotEquals(KEY_A.of("101"), KEY_B.of("101"));
    assertTrue(KEY_A.of("101").matches("[0-9a-f]{32}"));
  }

  @Test
  void distinctIdsGetDistinctPseudonyms() {
    Set<String> seen = new HashSet<>();
    for (int id = 1; id <= 100_000; id++) assertTrue(seen.add(KEY_A.of(Integer.toString(id))));
  }

  @Test
  void aKeyFileOfRandomBytesIsAKeyAndATrailingLineBreakIsNotPartOfIt(@TempDir Path dir) throws IOException {
    // Not UTF-8 (0xC3 0x28 is a broken two-byte sequence), as head -c 32 /dev/urandom often is.
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) key[i] = (byte) (i % 2 == 0 ? 0xC3 : 0x28);
    Path file = dir.resolve("key.bin");
    Files.write(file, key);
    assertEquals(Pseudonyms.withKey(key).of("101"), Pseudonyms.fromKeyFile(file).of("101"));
    Path text = dir.resolve("key.txt");
    Files.writeString(text, "a key for this test, long enough\n");
    assertEquals(Pseudonyms.withKey("a key for this test, long enough".getBytes(StandardCharsets.UTF_8)).of("101"),
        Pseudonyms.fromKeyFile(text).of("101"));
  }

  @Test
  void shortKeysAreRefused() {
    WorkspaceException e = assertThrows(WorkspaceException.class, () -> Pseudonyms.withKey(new byte[8]));
    assertTrue(e.getMessage().contains("at least 16 bytes"));
  }

  @Test
  void pseudonymisedDatasetHasNoRawIdsAndKeepsEverythingElse() {
    Dataset raw = Dataset.embedded();
    Dataset hidden = raw.pseudonymised(KEY_A);
    var ids = hidden.table().stringColumn("Customer ID");
    assertEquals(KEY_A.of("1"), ids.get(0));
    for (int i = 0; i < ids.size(); i++) assertTrue(ids.get(i).matches("[0-9a-f]{32}"));
    assertEquals(raw.table().doubleColumn("Purchase Amount (USD)").sum(),
        hidden.table().doubleColumn("Purchase Amount (USD)").sum());
  }
}
