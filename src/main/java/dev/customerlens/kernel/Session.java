package dev.customerlens.kernel;

import dev.customerlens.errors.WorkspaceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.SourceCodeAnalysis.Suggestion;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * The Java state of one kernel: a JShell whose snippets run in this JVM. A cell is split into
 * snippets that run in order until the first compile error, exception or interrupt; snippets
 * before that one have run and keep their effects, as in jshell.
 */
final class Session implements AutoCloseable {
  private static final String STARTUP = "startup.jsh";

  private final SnippetThread execution = new SnippetThread();
  private final JShell shell;
  private final SourceCodeAnalysis analysis;
  /** Where each snippet came from, so stack traces can name a cell and line instead of "#12:1". */
  private final Map<String, Place> places = new ConcurrentHashMap<>();

  private record Place(int count, int line) {}

  /** One snippet of a cell: its characters {@code [start, end)}, and its source as JShell wants it (maybe with a ';' added). */
  private record Piece(int start, int end, String source) {}

  private Session() {
    shell = JShell.builder().executionEngine(new ExecutionControlProvider() {
      @Override
      public String name() {
        return "customer-lens";
      }

      @Override
      public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return execution;
      }
    }, Map.of()).build();
    analysis = shell.sourceCodeAnalysis();
  }

  /** A session with the workspace imports of {@code startup.jsh} in place; problems with them go to stderr. */
  static Session start() {
    Session session = new Session();
    for (String problem : session.preload(startupScript())) {
      System.err.println("customer-lens kernel: startup: " + problem);
    }
    return session;
  }

  /** The imports every session starts with; {@code ./workspace} gives the same file to jshell. */
  static String startupScript() {
    try (InputStream in = Session.class.getResourceAsStream(STARTUP)) {
      if (in == null) throw new IllegalStateException(STARTUP + " is missing from the classpath");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + STARTUP, e);
    }
  }

  /** Runs every snippet of a script, even after one fails, and returns what went wrong. */
  List<String> preload(String script) {
    List<String> problems = new ArrayList<>();
    for (Piece piece : split(script)) {
      if (runPiece(script, piece, 0) instanceof Outcome.Failed failed) problems.add(failed.message());
    }
    return problems;
  }

  /** Runs a cell; {@code count} is its execution count, used to place errors. */
  Outcome run(String cell, int count) {
    execution.reset();
    Outcome outcome = new Outcome.Done();
    for (Piece piece : split(cell)) {
      if (execution.cancelled()) return interrupted();
      outcome = runPiece(cell, piece, count);
      if (outcome instanceof Outcome.Failed) return outcome;
    }
    return outcome;
  }

  /** Stops the running cell; called from another thread than the one running it. */
  void stop() {
    execution.stop();
  }

  void addToClasspath(Path path) {
    shell.addToClasspath(path.toAbsolutePath().normalize().toString());
  }

  /** Completions at {@code cursor} (a char index): the texts, and the range of {@code code} they replace. */
  Completions complete(String code, int cursor) {
    int start = snippetStart(code, cursor);
    int[] anchor = new int[1];
    List<Suggestion> suggestions = analysis.completionSuggestions(code.substring(start, cursor), cursor - start, anchor);
    // Suggestions that fit the expected type first, as jshell lists them.
    List<String> texts = Stream.concat(suggestions.stream().filter(Suggestion::matchesType),
            suggestions.stream().filter(s -> !s.matchesType()))
        .map(Suggestion::continuation).distinct().toList();
    return new Completions(texts, start + anchor[0], cursor);
  }

  record Completions(List<String> texts, int start, int end) {}

  /** Signatures (and javadoc, where the JDK has its sources) of what is at the cursor; empty if nothing is known. */
  String inspect(String code, int cursor, boolean detail) {
    int end = cursor;
    while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) end++;
    int start = snippetStart(code, end);
    String text = code.substring(start, end);
    var docs = analysis.documentation(text, text.length(), detail);
    if (docs.isEmpty() && !text.isEmpty() && Character.isJavaIdentifierPart(text.charAt(text.length() - 1))) {
      // A method name alone documents nothing; its call does: "Math.max" as "Math.max(".
      docs = analysis.documentation(text + "(", text.length() + 1, detail);
    }
    return docs.stream()
        .map(doc -> doc.javadoc() == null ? doc.signature() : doc.signature() + "\n" + doc.javadoc())
        .collect(Collectors.joining("\n\n"));
  }

  /** Jupyter's is_complete answer: "complete", "invalid", or the indent for the next line when incomplete. */
  IsComplete isComplete(String code) {
    String rest = code;
    while (!rest.isBlank()) {
      CompletionInfo info = analysis.analyzeCompletion(rest);
      switch (info.completeness()) {
        case COMPLETE, COMPLETE_WITH_SEMI -> {
          if (info.remaining().length() >= rest.length()) return IsComplete.COMPLETE;
          rest = info.remaining();
        }
        case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
          return IsComplete.incomplete(nextIndent(code));
        }
        case UNKNOWN -> {
          return IsComplete.INVALID;
        }
        case EMPTY -> {
          return IsComplete.COMPLETE;
        }
      }
    }
    return IsComplete.COMPLETE;
  }

  record IsComplete(String status, String indent) {
    static final IsComplete COMPLETE = new IsComplete("complete", "");
    static final IsComplete INVALID = new IsComplete("invalid", "");

    static IsComplete incomplete(String indent) {
      return new IsComplete("incomplete", indent);
    }
  }

  @Override
  public void close() {
    shell.close();
  }

  private static String nextIndent(String code) {
    String last = code.lines().filter(line -> !line.isBlank()).reduce((a, b) -> b).orElse("");
    String indent = last.substring(0, last.length() - last.stripLeading().length());
    return last.strip().endsWith("{") ? indent + "    " : indent;
  }

  /** Where the snippet holding {@code cursor} starts, judging by the text before it. */
  private int snippetStart(String code, int cursor) {
    String before = code.substring(0, cursor);
    int start = codeStart(before, 0);
    for (Piece piece : split(before)) {
      start = piece.end() < before.length() ? codeStart(before, piece.end()) : piece.start();
    }
    return start;
  }

  private List<Piece> split(String cell) {
    List<Piece> pieces = new ArrayList<>();
    int start = codeStart(cell, 0);
    while (start < cell.length()) {
      String rest = cell.substring(start);
      CompletionInfo info = analysis.analyzeCompletion(rest);
      int end = cell.length() - info.remaining().length();
      switch (info.completeness()) {
        case EMPTY -> {
          return pieces;
        }
        case COMPLETE, COMPLETE_WITH_SEMI, UNKNOWN -> {
          if (info.source() == null || end <= start) {
            pieces.add(new Piece(start, cell.length(), rest));
            return pieces;
          }
          pieces.add(new Piece(start, end, info.source()));
        }
        // Unfinished code goes to the compiler as it is, for its error message.
        case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
          pieces.add(new Piece(start, cell.length(), rest));
          return pieces;
        }
      }
      start = codeStart(cell, end);
    }
    return pieces;
  }

  /**
   * The first character at or after {@code from} that is neither blank nor in a comment. Snippets
   * start there because JShell numbers a snippet's lines wrongly when it starts with blank lines.
   */
  private static int codeStart(String cell, int from) {
    int i = from;
    while (i < cell.length()) {
      if (Character.isWhitespace(cell.charAt(i))) {
        i++;
      } else if (cell.startsWith("//", i)) {
        int newline = cell.indexOf('\n', i);
        i = newline < 0 ? cell.length() : newline + 1;
      } else if (cell.startsWith("/*", i) && cell.indexOf("*/", i + 2) >= 0) {
        i = cell.indexOf("*/", i + 2) + 2;
      } else {
        break;
      }
    }
    return i;
  }

  private Outcome runPiece(String cell, Piece piece, int count) {
    List<SnippetEvent> events = shell.eval(piece.source());
    Object value = execution.takeValue();
    SnippetEvent event = events.stream().filter(e -> e.causeSnippet() == null).findFirst().orElse(null);
    if (event == null) return new Outcome.Done();
    Snippet snippet = event.snippet();
    places.put(snippet.id(), new Place(count, lineOf(cell, piece.start())));
    if (execution.cancelled()) return interrupted();
    if (event.status() == Snippet.Status.REJECTED) return compileError(cell, piece, snippet);
    if (event.exception() != null) return thrown(event.exception());
    if (!event.status().isDefined() || event.status() == Snippet.Status.RECOVERABLE_DEFINED) {
      if (snippet instanceof DeclarationSnippet declaration) System.err.println(unresolved(declaration));
    }
    boolean expression = snippet.kind() == Snippet.Kind.EXPRESSION
        || snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
    return expression ? new Outcome.Value(value) : new Outcome.Done();
  }

  private static Outcome interrupted() {
    return Outcome.Failed.of("Interrupted", "the cell was stopped; what it had done so far stays done");
  }

  private Outcome compileError(String cell, Piece piece, Snippet snippet) {
    List<String> traceback = new ArrayList<>();
    String first = null;
    for (Diag diag : shell.diagnostics(snippet).filter(Diag::isError).toList()) {
      int from = piece.start() + clamp(diag.getStartPosition(), piece);
      int to = Math.max(from + 1, piece.start() + clamp(diag.getEndPosition(), piece));
      int lineStart = cell.lastIndexOf('\n', from - 1) + 1;
      int lineEnd = cell.indexOf('\n', from) < 0 ? cell.length() : cell.indexOf('\n', from);
      String message = diag.getMessage(Locale.ROOT).lines()
          .filter(line -> !line.strip().equals("location: class")).collect(Collectors.joining("\n"));
      String located = "line " + lineOf(cell, from) + ": " + message;
      if (first == null) first = located.lines().findFirst().orElse(located);
      traceback.addAll(located.lines().toList());
      traceback.add("    " + cell.substring(lineStart, lineEnd));
      int width = Math.min(to, lineEnd) - from;
      traceback.add("    " + " ".repeat(from - lineStart) + (width <= 1 ? "^" : "^" + "-".repeat(width - 2) + "^"));
    }
    if (first == null) return Outcome.Failed.of("CompileError", "line " + lineOf(cell, piece.start()) + ": not valid Java");
    return new Outcome.Failed("CompileError", first, traceback);
  }

  /** A diagnostic's position within a piece; the compiler may point at the ';' JShell added after it. */
  private static int clamp(long position, Piece piece) {
    return position < 0 ? 0 : (int) Math.min(position, piece.end() - piece.start());
  }

  private static int lineOf(String text, int index) {
    int line = 1;
    for (int i = 0; i < index && i < text.length(); i++) {
      if (text.charAt(i) == '\n') line++;
    }
    return line;
  }

  private Outcome thrown(JShellException exception) {
    if (exception instanceof UnresolvedReferenceException unresolved) {
      return Outcome.Failed.of("UnresolvedReference", unresolved(unresolved.getSnippet()));
    }
    EvalException thrown = (EvalException) exception;
    String className = thrown.getExceptionClassName();
    String name = className.substring(className.lastIndexOf('.') + 1);
    String message = thrown.getMessage() == null ? "" : thrown.getMessage();
    // The workspace's own errors explain themselves (file, line, column); their stack trace is noise.
    if (isWorkspaceError(className)) return Outcome.Failed.of(name, message);
    List<String> traceback = new ArrayList<>();
    Throwable t = thrown;
    String prefix = "";
    while (t != null) {
      String type = t instanceof EvalException e ? e.getExceptionClassName() : t.getClass().getName();
      traceback.add(prefix + type + (t.getMessage() == null ? "" : ": " + t.getMessage()));
      for (StackTraceElement frame : t.getStackTrace()) traceback.add(frame(frame));
      t = t.getCause();
      prefix = "Caused by: ";
    }
    return new Outcome.Failed(name, message, traceback);
  }

  private static boolean isWorkspaceError(String className) {
    try {
      return WorkspaceException.class.isAssignableFrom(
          Class.forName(className, false, WorkspaceException.class.getClassLoader()));
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** A stack frame, with frames of cell code placed by cell and line. */
  private String frame(StackTraceElement frame) {
    String file = frame.getFileName();
    Place place = file != null && file.startsWith("#") ? places.get(file.substring(1)) : null;
    if (place == null) return "\tat " + frame;
    String where = String.format(Locale.ROOT, "cell [%d], line %d", place.count(), place.line() + frame.getLineNumber() - 1);
    String member = Stream.of(frame.getClassName(), frame.getMethodName()).filter(s -> !s.isEmpty())
        .collect(Collectors.joining("."));
    return "\tat " + (member.isEmpty() ? where : member + " (" + where + ")");
  }

  private String unresolved(DeclarationSnippet snippet) {
    String missing = shell.unresolvedDependencies(snippet).collect(Collectors.joining(", "));
    return snippet.name() + " is declared but cannot be used until " + (missing.isEmpty() ? "its errors are fixed"
        : missing + " is declared");
  }
}
