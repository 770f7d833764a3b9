package dev.customerlens.kernel;

import com.google.gson.JsonParseException;
import com.google.gson.annotations.SerializedName;
import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.export.Version;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Map;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.CommInfoRequest;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.InterruptRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;
import org.dflib.jjava.jupyter.messages.request.ShutdownRequest;

/**
 * The workspace's Jupyter kernel: Java cells run by JShell inside this JVM, with the analytics
 * module and its imports preloaded, tables shown as HTML and charts as Plotly figures. jjava-jupyter
 * carries the messages; this class answers them.
 *
 * <p>Jupyter starts it as {@code lens kernel run CONNECTION_FILE}, from the kernelspec that
 * {@code lens kernel install} writes. In cells, {@code display(value)} shows a value mid-cell.
 *
 * <p>Several replies are built here rather than taken from jjava-jupyter 1.0-a6, whose kernel_info,
 * history, shutdown, interrupt and comm_info replies lack the {@code "status": "ok"} the protocol
 * requires.
 */
public final class WorkspaceKernel extends BaseKernel {
  private static final LanguageInfo LANGUAGE = new LanguageInfo.Builder("java")
      .version(System.getProperty("java.version")).mimetype("text/x-java").fileExtension(".java")
      .pygments("java").codemirror("text/x-java").build();
  private static final List<HelpLink> HELP = List.of(
      new HelpLink("Java 17 API", "https://docs.oracle.com/en/java/javase/17/docs/api/"),
      new HelpLink("Tablesaw", "https://jtablesaw.github.io/tablesaw/"));
  private static final long PARENT_CHECK_MILLIS = 1000;

  /** Started while the sockets connect; the first request that needs it waits for it. */
  private final CompletableFuture<Session> session;
  private final CompletableFuture<Cells> cells;
  private final Streams streams;
  private final Display display = new Display();
  private final History history = new History();

  private WorkspaceKernel(CompletableFuture<Session> session, Streams streams) {
    super(KernelSpec.NAME, Version.current(), LANGUAGE, HELP, null, streams, new CommManager(), new Renderer(), null, null,
        false, new StringStyler.Builder().build());
    this.session = session;
    this.cells = session.thenApply(Cells::new);
    this.streams = streams;
  }

  /**
   * Serves Jupyter on the sockets named in a connection file until a shutdown request, or until the
   * process that started the kernel is gone.
   */
  public static void run(Path connectionFile) {
    KernelConnectionProperties properties = connection(connectionFile);
    // JShell and the workspace imports take seconds to compile: do it while the sockets connect and
    // the front end asks for kernel_info, which needs no session.
    CompletableFuture<Session> session = CompletableFuture.supplyAsync(Session::start, task -> {
      Thread thread = new Thread(task, "start-session");
      thread.setDaemon(true);
      thread.start();
    });
    WorkspaceKernel kernel = new WorkspaceKernel(session, new Streams());
    JupyterConnection connection;
    try {
      connection = new JupyterConnection(properties);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new WorkspaceException(connectionFile + ": cannot sign messages with " + properties.getSignatureScheme(), e);
    }
    kernel.becomeHandlerForConnection(connection);
    kernel.onStartup();
    connection.connect();
    kernel.exitWithParent();
    connection.waitUntilClose();
  }

  /**
   * Shows a value now, the way a cell's last expression is shown: a table as HTML, a chart as a
   * Plotly figure. Outside a notebook (in {@code ./workspace}) it prints the value's text.
   */
  public static void display(Object value) {
    if (BaseKernel.notebookKernel instanceof WorkspaceKernel kernel && kernel.streams.display.isAttached()) {
      // Text printed so far comes first, as in the cell's source.
      System.out.flush();
      kernel.streams.display.display(kernel.display.render(value));
    } else {
      System.out.println(Display.text(value));
    }
  }

  private static KernelConnectionProperties connection(Path file) {
    try {
      KernelConnectionProperties properties = KernelConnectionProperties.parse(Files.readString(file, StandardCharsets.UTF_8));
      if (properties == null || properties.getTransport() == null) {
        throw new WorkspaceException(file + ": not a Jupyter connection file");
      }
      return properties;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read connection file " + file, e);
    } catch (JsonParseException e) {
      throw new WorkspaceException(file + ": not a Jupyter connection file (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Jupyter shuts a kernel down with a message. If the process that started it dies instead, nobody
   * will, so the kernel ends itself rather than linger with the data it holds. Exiting outright also
   * ends a cell that ignored an interrupt.
   */
  private void exitWithParent() {
    ProcessHandle.current().parent().ifPresent(parent -> {
      Thread watch = new Thread(() -> {
        while (parent.isAlive()) {
          try {
            Thread.sleep(PARENT_CHECK_MILLIS);
          } catch (InterruptedException e) {
            return;
          }
        }
        try {
          onShutdown(false);
        } finally {
          System.exit(0);
        }
      }, "parent-watch");
      watch.setDaemon(true);
      watch.start();
    });
  }

  @Override
  public void becomeHandlerForConnection(JupyterConnection connection) {
    super.becomeHandlerForConnection(connection);
    connection.setHandler(MessageType.COMM_INFO_REQUEST, this::handleCommInfoRequest);
  }

  @Override
  protected void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
    ExecuteRequest request = message.getContent();
    boolean silent = request.isSilent();
    boolean store = request.shouldStoreHistory() && !silent;
    // The count only moves for cells that enter the history; others report the current one.
    int count = store ? executionCount.getAndIncrement() : executionCount.get() - 1;
    commManager.setMessageContext(message);
    env.setBusyDeferIdle();
    if (!silent) env.publish(new PublishExecuteInput(request.getCode(), count));
    streams.attach(env, request.isStdinEnabled());
    Outcome outcome;
    DisplayData result = null;
    try {
      outcome = cells.join().run(request.getCode(), count);
      // System.out.printf(...) returns the stream: a cell ending with it means to print, not to show a PrintStream.
      if (outcome instanceof Outcome.Value value && !(value.value() instanceof PrintStream)) {
        result = display.render(value.value());
      }
    } catch (RuntimeException e) {
      // The cell's own errors are outcomes already; this is the kernel, or a value's toString, failing.
      // Answer anyway, or the front end waits for a reply that never comes.
      outcome = Outcome.Failed.of(e);
    } finally {
      streams.detach(env);
    }
    if (result != null && !silent) env.publish(new PublishExecuteResult(count, result));
    if (store) history.add(count, request.getCode(), result == null ? "" : String.valueOf(result.getData(MIMEType.TEXT_PLAIN)));
    if (outcome instanceof Outcome.Failed failed) {
      if (!silent) env.publish(new PublishError(failed.name(), failed.message(), failed.traceback()));
      ErrorReply error = new ErrorReply(failed.name(), failed.message(), failed.traceback());
      error.setExecutionCount(count);
      env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), error);
    } else {
      env.defer().reply(new ExecuteReply(count, Map.of()));
    }
  }

  @Override
  public DisplayData inspect(String code, int at, boolean extraDetail) {
    String text = cells.join().inspect(code, charIndex(code, at), extraDetail);
    return text.isEmpty() ? null : new DisplayData(text);
  }

  @Override
  public ReplacementOptions complete(String code, int at) {
    Session.Completions completions = cells.join().complete(code, charIndex(code, at));
    return new ReplacementOptions(completions.texts(), codePoints(code, completions.start()),
        codePoints(code, completions.end()));
  }

  @Override
  public String isComplete(String code) {
    Session.IsComplete answer = cells.join().isComplete(code);
    return switch (answer.status()) {
      case "complete" -> IS_COMPLETE_YES;
      case "invalid" -> IS_COMPLETE_BAD;
      default -> answer.indent();
    };
  }

  /** Every cell goes through {@link #handleExecuteRequest}; jjava's generic eval path is not used. */
  @Override
  public Object evalRaw(String source) {
    throw new UnsupportedOperationException("cells run through execute requests");
  }

  @Override
  public void interrupt() {
    session.join().stop();
  }

  @Override
  public void onShutdown(boolean isRestarting) {
    session.join().stop();
    session.join().close();
    super.onShutdown(isRestarting);
  }

  // Protocol 5.3 positions count Unicode code points; Java strings count UTF-16 chars.
  private static int charIndex(String code, int codePoints) {
    return code.offsetByCodePoints(0, Math.min(codePoints, code.codePointCount(0, code.length())));
  }

  private static int codePoints(String code, int charIndex) {
    return code.codePointCount(0, charIndex);
  }

  private record KernelInfo(
      String status,
      @SerializedName("protocol_version") String protocolVersion,
      String implementation,
      @SerializedName("implementation_version") String implementationVersion,
      @SerializedName("language_info") LanguageInfo languageInfo,
      String banner,
      @SerializedName("help_links") List<HelpLink> helpLinks,
      boolean debugger) {}

  private record HistoryReply(String status, List<List<Object>> history) {}

  private record ShutdownReply(String status, boolean restart) {}

  private record StatusReply(String status) {}

  private record CommInfoReply(String status, Map<String, Map<String, String>> comms) {}

  @Override
  protected void handleKernelInfoRequest(ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
    env.setBusyDeferIdle();
    reply(env, MessageType.KERNEL_INFO_REPLY, new KernelInfo("ok", Header.PROTOCOL_VERISON, KernelSpec.NAME, version,
        LANGUAGE, "Customer Lens: Java " + LANGUAGE.getVersion() + " (JShell), the analytics workspace preloaded."
            + " Try: CustomerAnalytics.sample().personas()", HELP, false));
  }

  @Override
  protected void handleHistoryRequest(ShellReplyEnvironment env, Message<HistoryRequest> message) {
    HistoryRequest request = message.getContent();
    env.setBusyDeferIdle();
    List<History.Entry> entries = switch (request.getAccessType()) {
      case TAIL -> history.tail(((HistoryRequest.Tail) request).getMaxReturnLength());
      case RANGE -> {
        HistoryRequest.Range range = (HistoryRequest.Range) request;
        yield history.range(range.getSessionIndex(), range.getStart(), range.getStop());
      }
      case SEARCH -> {
        HistoryRequest.Search search = (HistoryRequest.Search) request;
        yield history.search(search.getPattern(), search.getMaxReturnLength(), search.filterUnique());
      }
    };
    List<List<Object>> rows = new ArrayList<>();
    for (History.Entry entry : entries) {
      Object cell = request.includeOutput() ? List.of(entry.input(), entry.output()) : entry.input();
      rows.add(List.of(History.SESSION, entry.line(), cell));
    }
    reply(env, MessageType.HISTORY_REPLY, new HistoryReply("ok", rows));
  }

  @Override
  protected void handleShutdownRequest(ShellReplyEnvironment env, Message<ShutdownRequest> message) {
    boolean restart = message.getContent().isRestart();
    env.setBusyDeferIdle();
    env.defer();
    reply(env, MessageType.SHUTDOWN_REPLY, new ShutdownReply("ok", restart));
    onShutdown(restart);
    // Sent now: the connection closes as soon as this handler returns.
    env.resolveDeferrals();
    env.markForShutdown();
  }

  @Override
  protected void handleInterruptRequest(ShellReplyEnvironment env, Message<InterruptRequest> message) {
    env.setBusyDeferIdle();
    env.defer();
    reply(env, MessageType.INTERRUPT_REPLY, new StatusReply("ok"));
    interrupt();
  }

  private void handleCommInfoRequest(ShellReplyEnvironment env, Message<CommInfoRequest> message) {
    String target = message.getContent().getTargetName();
    env.setBusyDeferIdle();
    Map<String, Map<String, String>> comms = new LinkedHashMap<>();
    commManager.forEach(comm -> {
      if (target == null || target.equals(comm.getTargetName())) {
        comms.put(comm.getID(), Map.of("target_name", comm.getTargetName()));
      }
    });
    reply(env, MessageType.COMM_INFO_REPLY, new CommInfoReply("ok", comms));
  }

  /** Sends a reply whose content is one of the records above, under a jjava message type. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void reply(ShellReplyEnvironment env, MessageType<?> type, Object content) {
    env.reply(new Message(env.getContext(), type, content));
  }

  /**
   * The kernel's stdout, stderr, stdin and display stream, attached to one execute request at a time
   * (jjava keeps attaching protected; this subclass opens it up to the kernel). While a cell runs,
   * System.out and System.err pass its output on a line at a time.
   */
  private static final class Streams extends JupyterIO {
    private PrintStream systemOut;
    private PrintStream systemErr;
    private InputStream systemIn;

    Streams() {
      super(StandardCharsets.UTF_8);
    }

    void attach(ShellReplyEnvironment env, boolean stdin) {
      setEnv(env);
      setJupyterInEnabled(stdin);
      systemOut = System.out;
      systemErr = System.err;
      systemIn = System.in;
      System.setOut(new PrintStream(new LineBuffer(out), false, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(new LineBuffer(err), false, StandardCharsets.UTF_8));
      System.setIn(in);
    }

    /** Sends what the cell printed but did not end with a newline, before its result goes out. */
    void detach(ShellReplyEnvironment env) {
      System.out.flush();
      System.err.flush();
      System.setOut(systemOut);
      System.setErr(systemErr);
      System.setIn(systemIn);
      retractEnv(env);
    }
  }

  /**
   * Holds output until a line is complete. jjava's streams send a message for every write, and a
   * PrintStream writes each piece of a printf separately, so without this one printed line could
   * arrive as five outputs.
   */
  private static final class LineBuffer extends OutputStream {
    private final OutputStream target;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    LineBuffer(OutputStream target) {
      this.target = target;
    }

    @Override
    public synchronized void write(int b) throws IOException {
      pending.write(b);
      if (b == '\n') flush();
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
      pending.write(bytes, offset, length);
      for (int i = offset; i < offset + length; i++) {
        if (bytes[i] == '\n') {
          flush();
          return;
        }
      }
    }

    @Override
    public synchronized void flush() throws IOException {
      if (pending.size() == 0) return;
      pending.writeTo(target);
      pending.reset();
      target.flush();
    }
  }
}
