package dev.customerlens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code lens} launcher's compiler choice (README, "Short runs"): C1 alone for a one-shot command
 * on 16 MB of input at most, the JVM's default compilers otherwise, and the user's options last.
 * Each case asks the JVM it starts for its final flags.
 */
class LauncherIT {
  private static final Pattern LEVEL = Pattern.compile("TieredStopAtLevel\\s+=\\s+(\\d+)");

  @TempDir Path temp;

  @Test
  void aOneShotCommandOnTheEmbeddedDataRunsWithTheQuickCompilerAlone() throws Exception {
    assertEquals(1, compilerLevel("", "personas", "--help"));
  }

  @Test
  void inputsOverSixteenMegabytesKeepTheDefaultCompilersWhicheverWayTheOptionIsWritten() throws Exception {
    Path big = sparseFile("big.csv", 16 * 1024 * 1024 + 1);
    Path small = sparseFile("small.csv", 16 * 1024 * 1024);
    assertEquals(4, compilerLevel("", "personas", "--input", big.toString(), "--help"));
    assertEquals(4, compilerLevel("", "personas", "--input=" + big, "--help"));
    assertEquals(1, compilerLevel("", "personas", "--input", small.toString(), "--help"));
    // A gzip-compressed file counts as the text it holds, about 6 times its size.
    Path packed = sparseFile("packed.csv.gz", 3 * 1024 * 1024);
    try (RandomAccessFile out = new RandomAccessFile(packed.toFile(), "rw")) {
      out.write(new byte[] {0x1f, (byte) 0x8b});
    }
    assertEquals(4, compilerLevel("", "personas", "--events", packed.toString(), "--help"));
    assertEquals(1, compilerLevel("", "personas", "--events", sparseFile("plain.csv", 3 * 1024 * 1024).toString(), "--help"));
    // The customer table and the log count together.
    assertEquals(4, compilerLevel("", "personas", "--input", small.toString(), "--events=" + small, "--help"));
  }

  @Test
  void lensScoreOnACustomerTableRunsWithTheQuickCompilerUpToTwoHundredFiftySixMegabytes() throws Exception {
    Path table = sparseFile("table.csv", 256L * 1024 * 1024);
    assertEquals(1, compilerLevel("", "score", "--input", table.toString(), "--help"));
    assertEquals(4, compilerLevel("", "score", "--input", sparseFile("larger.csv", 256L * 1024 * 1024 + 1).toString(),
        "--help"));
    // A log's scores fit models: the default limit.
    assertEquals(4, compilerLevel("", "score", "--events", sparseFile("log.csv", 16 * 1024 * 1024 + 1).toString(),
        "--help"));
  }

  @Test
  void serveKernelAndGenerateKeepTheDefaultCompilers() throws Exception {
    assertEquals(4, compilerLevel("", "generate", "--help"));
    assertEquals(4, compilerLevel("", "serve", "--help"));
    assertEquals(4, compilerLevel("", "kernel", "--help"));
  }

  @Test
  void optionsTheUserGivesInLensJavaOptsOverrideTheLaunchersChoice() throws Exception {
    assertEquals(4, compilerLevel("-XX:TieredStopAtLevel=4", "personas", "--help"));
  }

  /**
   * The TieredStopAtLevel of the JVM that {@code ./lens ARGS} starts. With {@code --help} the
   * command reads nothing, but the launcher has already chosen from the files named.
   */
  private int compilerLevel(String userOptions, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", basedir().resolve("lens").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile()).redirectErrorStream(true);
    builder.environment().put("LENS_JAVA_OPTS", (userOptions + " -XX:+PrintFlagsFinal").strip());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    Matcher level = LEVEL.matcher(output);
    assertTrue(level.find(), "the JVM printed its flags:\n" + output.substring(0, Math.min(2000, output.length())));
    return Integer.parseInt(level.group(1));
  }

  /** A file of {@code bytes} zero bytes that takes no disk space: only its size is read by the launcher. */
  private Path sparseFile(String name, long bytes) throws IOException {
    Path file = temp.resolve(name);
    try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
      out.setLength(bytes);
    }
    assertEquals(bytes, Files.size(file));
    return file;
  }

  private static Path basedir() {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
  }
}
