package dev.customerlens.cli;

import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.export.Version;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code lens} executable: prints usage and hands over to one subcommand. */
@Command(name = "lens", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
    description = "Customer-behaviour analytics: personas, predictions, lifetime value and recommendations.")
public final class Main implements Runnable {
  /** Every subcommand, in the order usage lists them. */
  private static final List<Class<?>> SUBCOMMANDS = List.of(AnalyzeCommand.class, PersonasCommand.class,
      RecommendCommand.class, AuditCommand.class, ReportCommand.class, ExportCommand.class, EvaluateCommand.class,
      KernelCommand.class, ServeCommand.class, ScoreCommand.class, MigrationCommand.class, StabilityCommand.class,
      DriftCommand.class, GenerateCommand.class, CommandLine.HelpCommand.class);

  /** Exit codes: 0 success, 1 internal error, 2 bad input or usage. */
  static final int OK = 0;
  static final int INTERNAL_ERROR = 1;
  static final int BAD_INPUT = 2;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine(args).execute(args));
  }

  /**
   * The configured command line to run {@code args} with, also used by tests to run commands with
   * captured output: with the subcommand they start with alone, or with every subcommand when they
   * start with none (usage, {@code help}, a misspelt command, an option of lens itself). Picocli
   * reads every option of every subcommand it is given, a tenth of a second of each cold start.
   */
  public static CommandLine commandLine(String... args) {
    String first = args.length == 0 ? "" : args[0];
    List<Class<?>> named = SUBCOMMANDS.stream()
        .filter(c -> c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(first))
        .toList();
    CommandLine cli = new CommandLine(new Main());
    for (Class<?> subcommand : named.isEmpty() ? SUBCOMMANDS : named) cli.addSubcommand(subcommand);
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
