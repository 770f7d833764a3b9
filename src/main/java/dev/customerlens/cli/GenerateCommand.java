package dev.customerlens.cli;

import dev.customerlens.export.Export;
import dev.customerlens.generate.SyntheticCustomers;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Seeded synthetic customers, streamed to a file of any size. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Write synthetic customers in the Customer Shopping Trends schema.",
        "The same seed and row count always give the same bytes."})
final class GenerateCommand implements Callable<Integer> {
  /** Below this many rows generation takes well under a second, so no progress bar. */
  private static final int PROGRESS_FROM_ROWS = 200_000;

  @Option(names = "--rows", defaultValue = "" + SyntheticCustomers.DEFAULT_ROWS,
      description = "How many customers (default: ${DEFAULT-VALUE}).")
  int rows;

  @Option(names = "--seed", defaultValue = "" + SyntheticCustomers.DEFAULT_SEED,
      description = "Random seed (default: ${DEFAULT-VALUE}, the embedded dataset's).")
  long seed;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "CSV file to write.")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (rows < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--rows must be at least 1, was " + rows);
    SyntheticCustomers generator = SyntheticCustomers.withSeed(seed).rows(rows);
    if (rows < PROGRESS_FROM_ROWS) {
      Export.atomically(out, generator::writeCsv);
    } else {
      try (ProgressBar bar = Progress.bar("generate", rows, " rows", 1).build()) {
        Export.atomically(out, writer -> generator.writeCsv(writer, bar::stepTo));
      }
    }
    spec.commandLine().getErr().println("wrote " + rows + " customers (seed " + seed + ") to " + out);
    return Main.OK;
  }
}
