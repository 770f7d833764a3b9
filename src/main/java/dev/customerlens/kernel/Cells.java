package dev.customerlens.kernel;

import dev.customerlens.errors.WorkspaceException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dflib.jjava.jupyter.kernel.util.PathsHandler;

/**
 * Notebook cells: magics first, then Java for the {@link Session}. The magics are the ones IJava
 * users reach for:
 *
 * <ul>
 *   <li>{@code %classpath PATH...} (also {@code %jars}, and BeakerX's {@code %classpath add jar PATH}):
 *       add jars or class folders; {@code *} and {@code ?} globs work.
 *   <li>{@code %maven GROUP:ARTIFACT:VERSION...}: add artifacts from Maven Central (or the user's
 *       mirrors) with their runtime dependencies.
 *   <li>{@code %%time} on a cell's first line: run the cell and print how long it took.
 * </ul>
 *
 * Line magics are the lines starting with {@code %} at the top of a cell, before its first line of
 * Java, so that {@code %} further down is always Java's remainder operator. Magic lines are replaced
 * by blanks of the same length, so compile errors and stack traces keep the cell's line numbers.
 */
final class Cells {
  private static final Pattern CELL_MAGIC = Pattern.compile("\\A[ \\t]*%%(\\w+)([^\\n]*)");
  private static final Pattern LINE_MAGIC = Pattern.compile("[ \\t]*%(\\w+)(.*)");

  private final Session session;

  Cells(Session session) {
    this.session = session;
  }

  Outcome run(String cell, int count) {
    Matcher cellMagic = CELL_MAGIC.matcher(cell);
    boolean timed = cellMagic.find();
    if (timed && !cellMagic.group(1).equals("time")) return unknown("%%" + cellMagic.group(1));
    long start = System.nanoTime();
    Outcome outcome = runMagicsThenJava(cell, count);
    if (timed) System.out.println("Wall time: " + duration(System.nanoTime() - start));
    return outcome;
  }

  Session.Completions complete(String cell, int cursor) {
    return session.complete(javaOf(cell), cursor);
  }

  String inspect(String cell, int cursor, boolean detail) {
    return session.inspect(javaOf(cell), cursor, detail);
  }

  Session.IsComplete isComplete(String cell) {
    return session.isComplete(javaOf(cell));
  }

  private Outcome runMagicsThenJava(String cell, int count) {
    for (MagicLine magic : lineMagics(cell)) {
      Outcome failed = runLineMagic(magic.name(), magic.arguments());
      if (failed != null) return failed;
    }
    return session.run(javaOf(cell), count);
  }

  /** Runs one line magic; returns null when it worked, the failure otherwise. */
  private Outcome runLineMagic(String name, List<String> arguments) {
    try {
      switch (name) {
        case "classpath", "jars" -> addToClasspath(arguments);
        case "maven" -> {
          List<Path> jars = MavenArtifacts.resolve(arguments);
          jars.forEach(session::addToClasspath);
          System.out.println("added " + jars.size() + (jars.size() == 1 ? " jar" : " jars") + " to the class path");
        }
        default -> {
          return unknown("%" + name);
        }
      }
      return null;
    } catch (WorkspaceException e) {
      return Outcome.Failed.of("UsageError", e.getMessage());
    } catch (UncheckedIOException e) {
      return Outcome.Failed.of("IOException", e.getMessage() + ": " + e.getCause().getMessage());
    }
  }

  private void addToClasspath(List<String> arguments) {
    // BeakerX writes "%classpath add jar PATH"; IJava writes "%classpath PATH".
    List<String> paths = arguments.size() > 2 && arguments.get(0).equals("add") && arguments.get(1).equals("jar")
        ? arguments.subList(2, arguments.size()) : arguments;
    if (paths.isEmpty()) throw new WorkspaceException("%classpath needs a jar or folder, e.g. %classpath lib/*.jar");
    List<Path> found = new ArrayList<>();
    for (String path : paths) {
      List<Path> matches = PathsHandler.resolveGlobs(path);
      if (matches.isEmpty() || !matches.stream().allMatch(Files::exists)) {
        throw new WorkspaceException("%classpath: no such file: " + path);
      }
      found.addAll(matches);
    }
    found.forEach(session::addToClasspath);
    for (Path path : found) System.out.println("added to the class path: " + path.toAbsolutePath().normalize());
  }

  private static Outcome unknown(String magic) {
    return Outcome.Failed.of("UsageError", "unknown magic " + magic + "; this kernel knows %classpath, %jars, %maven and %%time");
  }

  private record MagicLine(int start, int end, String name, List<String> arguments) {}

  /** The line magics at the top of a cell, below its {@code %%} line if it has one. */
  private static List<MagicLine> lineMagics(String cell) {
    Matcher cellMagic = CELL_MAGIC.matcher(cell);
    int lineStart = cellMagic.find() ? cellMagic.end() + 1 : 0;
    List<MagicLine> magics = new ArrayList<>();
    while (lineStart < cell.length()) {
      int lineEnd = cell.indexOf('\n', lineStart) < 0 ? cell.length() : cell.indexOf('\n', lineStart);
      String line = cell.substring(lineStart, lineEnd);
      Matcher magic = LINE_MAGIC.matcher(line);
      if (magic.matches()) {
        magics.add(new MagicLine(lineStart, lineEnd, magic.group(1), arguments(magic.group(2))));
      } else if (!line.isBlank()) {
        break;
      }
      lineStart = lineEnd + 1;
    }
    return magics;
  }

  /** The cell with its magic lines blanked, as the Java parts of the kernel see it. */
  private static String javaOf(String cell) {
    Matcher cellMagic = CELL_MAGIC.matcher(cell);
    String java = cellMagic.find() ? blank(cell, 0, cellMagic.end()) : cell;
    for (MagicLine magic : lineMagics(cell)) java = blank(java, magic.start(), magic.end());
    return java;
  }

  private static String blank(String text, int from, int to) {
    return text.substring(0, from) + " ".repeat(to - from) + text.substring(to);
  }

  private static List<String> arguments(String text) {
    return text.isBlank() ? List.of() : Arrays.asList(text.strip().split("\\s+"));
  }

  private static String duration(long nanos) {
    double millis = nanos / 1e6;
    return millis < 1000 ? String.format(Locale.ROOT, "%.0f ms", millis) : String.format(Locale.ROOT, "%.2f s", millis / 1000);
  }
}
