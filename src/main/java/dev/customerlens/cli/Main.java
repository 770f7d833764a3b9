package dev.customerlens.cli;

import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.export.Version;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code lens} executable: prints usage and hands over to one subcommand. */
@Command(name = "lens", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
    description = "Customer-behaviour analytics: personas, predictions, lifetime value and recommendations.",
    subcommands = {AnalyzeCommand.class, PersonasCommand.class, RecommendCommand.class, AuditCommand.class,
        ReportCommand.class, ExportCommand.class, EvaluateCommand.class, KernelCommand.class, ServeCommand.class,
        ScoreCommand.class, MigrationCommand.class, StabilityCommand.class, DriftCommand.class,
        GenerateCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  /** Exit codes: 0 success, 1 internal error, 2 bad input or usage. */
  static final int OK = 0;
  static final int INTERNAL_ERROR = 1;
  static final int BAD_INPUT = 2;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, also used by tests to run commands with captured output. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(Main::report);
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Bad input is the user's to fix: one clear message. Anything else is our bug: say so, briefly. */
  private static int report(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    if (e instanceof WorkspaceException) {
      err.println("error: " + e.getMessage());
      err.flush();
      return BAD_INPUT;
    }
    if (e instanceof java.io.UncheckedIOException io) {
      err.println("error: " + io.getMessage() + ": " + io.getCause().getMessage());
      err.flush();
      return BAD_INPUT;
    }
    err.println("internal error: " + e + " (please report it with the command you ran; set LENS_DEBUG=1 for details)");
    if (System.getenv("LENS_DEBUG") != null) e.printStackTrace(err);
    err.flush();
    return INTERNAL_ERROR;
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"lens " + Version.current()};
    }
  }
}
