package dev.customerlens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every README block marked {@code <!-- runnable -->} runs as written from the project root: shell
 * blocks with bash, {@code $ command} sessions with their {@code jshell>} lines piped into the command,
 * Java blocks piped into {@code ./workspace}. Each runs in a fresh copy of the project's layout (the
 * scripts, data/ and this build's jar), so what they write stays out of the checkout.
 */
class ReadmeIT {
  private static final String MARK = "<!-- runnable -->";
  private static final List<String> PERSONAS = List.of("Premium Loyalist", "Bargain Hunter", "Quality Seeker",
      "Frequent Shopper", "Lapsing Occasional", "New Explorer", "Casual Shopper");

  @TempDir Path temp;

  record Block(int line, String language, List<String> lines) {
    String title() {
      return "README.md:" + line + " " + lines.get(0);
    }
  }

  @TestFactory
  Stream<DynamicTest> runnableBlocksRunAsWritten() throws IOException {
    List<Block> blocks = blocks(Files.readAllLines(basedir().resolve("README.md")));
    assertTrue(blocks.size() >= 4, "the README marks its command-line and jshell examples runnable: " + blocks);
    return blocks.stream().map(block -> DynamicTest.dynamicTest(block.title(), () -> run(block)));
  }

  static List<Block> blocks(List<String> readme) {
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < readme.size(); i++) {
      if (!readme.get(i).strip().equals(MARK)) continue;
      String fence = readme.get(i + 1);
      assertTrue(fence.startsWith("```"), "README.md:" + (i + 1) + ": " + MARK + " must come right before a code block");
      int end = i + 2;
      while (!readme.get(end).startsWith("```")) end++;
      blocks.add(new Block(i + 3, fence.substring(3).strip(), readme.subList(i + 2, end)));
      i = end;
    }
    return blocks;
  }

  private void run(Block block) throws Exception {
    Path project = Files.createDirectories(temp.resolve("project-" + block.line()));
    copyLayout(project);
    String command;
    String input = "";
    if (block.language().equals("bash")) {
      command = "set -euo pipefail\n" + String.join("\n", block.lines());
    } else if (block.language().equals("java")) {
      command = "./workspace";
      input = String.join("\n", block.lines()) + "\n/exit\n";
    } else {
      assertTrue(block.lines().get(0).startsWith("$ "), block.title() + ": a session starts with \"$ command\"");
      command = block.lines().get(0).substring(2);
      input = block.lines().stream().skip(1).map(l -> l.replaceFirst("^jshell> ", "")).collect(Collectors.joining("\n"))
          + "\n/exit\n";
    }
    Process process = new ProcessBuilder("bash", "-c", command).directory(project.toFile()).redirectErrorStream(true).start();
    process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertEquals(0, process.waitFor(), block.title() + "\n" + output);
    for (String failure : List.of("|  Error", "|  Exception", "Exception in thread", "error:")) {
      assertFalse(output.contains(failure), block.title() + " printed " + failure + "\n" + output);
    }
    if (block.lines().stream().anyMatch(l -> l.contains("a.personas()"))) {
      for (String persona : PERSONAS) assertTrue(output.contains("\n" + persona + " "), persona + " row shown:\n" + output);
    }
  }

  /** The scripts, the data and this build's jar, where the README's commands expect them. */
  private static void copyLayout(Path project) throws Exception {
    Path basedir = basedir();
    for (String file : List.of("lens", "workspace", "data/customers.csv", "data/events.csv",
        "src/main/resources/dev/customerlens/kernel/startup.jsh")) {
      Files.createDirectories(project.resolve(file).getParent());
      Files.copy(basedir.resolve(file), project.resolve(file), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    }
    Path jar = basedir.resolve("target/customer-lens.jar");
    assertTrue(Files.isRegularFile(jar), "no " + jar + "; the *IT tests run in 'mvn verify', after the jar is packaged");
    Files.createDirectories(project.resolve("target"));
    Files.createSymbolicLink(project.resolve("target/customer-lens.jar"), jar);
  }

  private static Path basedir() {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
  }
}
