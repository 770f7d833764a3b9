package dev.customerlens.cli;

import dev.customerlens.export.Export;
import dev.customerlens.generate.SyntheticCustomers;
import dev.customerlens.generate.SyntheticEvents;
import java.io.Writer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Seeded synthetic customers, or their event log, streamed to a file of any size. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Write synthetic customers in the Customer Shopping Trends schema, or with --events their event log.",
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

  @Option(names = "--events", description = {"Write the customers' event log instead (customer_id, timestamp, event, "
      + "category, amount: " + SyntheticEvents.DEFAULT_DAYS + " days of views, carts and purchases from "
      + "2024-01-01), as data/events.csv is made: a log at any scale for lens score --events."})
  boolean events;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (rows < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--rows must be at least 1, was " + rows);
    if (events) {
      SyntheticEvents log = SyntheticEvents.withSeed(seed).customers(rows);
      write(log::writeCsv, log::writeCsv);
      spec.commandLine().getErr().println("wrote the event log of " + rows + " customers (seed " + seed + ", "
          + log.start() + " to " + log.end() + ") to " + out);
    } else {
      SyntheticCustomers table = SyntheticCustomers.withSeed(seed).rows(rows);
      write(table::writeCsv, table::writeCsv);
      spec.commandLine().getErr().println("wrote " + rows + " customers (seed " + seed + ") to " + out);
    }
    return Main.OK;
  }

  /** A writer of the whole file, and the same with a count of customers written so far, for the progress bar. */
  private void write(Export.Body plain, BiConsumer<Writer, IntConsumer> counted) {
    if (rows < PROGRESS_FROM_ROWS) {
      Export.atomically(out, plain);
    } else {
      try (ProgressBar bar = Progress.bar("generate", rows, " customers", 1).build()) {
        Export.atomically(out, writer -> counted.accept(writer, bar::stepTo));
      }
    }
  }
}
