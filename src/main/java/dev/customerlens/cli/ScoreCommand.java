package dev.customerlens.cli;

import dev.customerlens.analysis.Analysis;
import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.events.LogFormat;
import dev.customerlens.export.Export;
import dev.customerlens.model.CustomerModel;
import dev.customerlens.persona.PersonaRules;
import dev.customerlens.score.BatchScorer;
import dev.customerlens.score.ScoreEngine;
import dev.customerlens.score.ScoreJob;
import dev.customerlens.score.ScoreProgress;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** Batch scoring of a whole file of any size: the scored-customer table and the persona summary. */
@Command(name = "score", mixinStandardHelpOptions = true,
    description = {"Score every customer of a large file with the same rules as analyze, on every core,",
        "in bounded memory: writes " + BatchScorer.SCORES_FILE + " and " + BatchScorer.PERSONAS_FILE + " under --out."})
final class ScoreCommand implements Callable<Integer> {
  @Option(names = "--input", paramLabel = "FILE",
      description = {"Customer CSV in the Customer Shopping Trends schema (default: the embedded sample data).",
          "With --engine spark: a CSV or Parquet file or folder, on any path Hadoop reads (hdfs://, s3a://, ...)."})
  String input;

  @Option(names = "--events", paramLabel = "FILE", description = {"A transaction or event log instead of --input: "
      + "its customers, with the features, personas and forecasts lens analyze derives from a log.",
      "The layout is recognised from the first line, or named with --events-format; --columns maps any other layout.",
      "With --engine spark: a file or folder on any path Hadoop reads; the forecast is fitted on the driver to the",
      "events of up to 50,000 customers (a sample by hash of id beyond) and applied to every customer on the executors."})
  String events;

  @Option(names = "--events-format", paramLabel = "FORMAT", description = "TRANSACTIONS, EVENTS or CDNOW (see lens analyze --help).")
  LogFormat eventsFormat;

  @Option(names = "--columns", paramLabel = "PART=HEADER,...",
      description = "Which header of the --events log plays which part (see lens analyze --help).")
  String columns;

  @Option(names = "--rules", paramLabel = "FILE", description = "Persona rules as JSON (default: the built-in rules).")
  Path rules;

  @Option(names = "--lenient", description = {"Skip rows with bad values and report them, instead of failing.",
      "The spark engine always does, into rejected/ under --out."})
  boolean lenient;

  @Option(names = "--out", paramLabel = "DIR", description = {"Where to write the outputs (default: exports/ and the",
      "input's name and the engine, such as exports/customers-1m-local/, so engines and inputs never share a folder)."})
  String out;

  @Option(names = "--engine", paramLabel = "NAME", defaultValue = "local",
      description = {"local (default): this JVM, on every core.",
          "spark: Apache Spark, from the spark/ module; writes Parquet partitioned by persona, CSV and rejected rows."})
  String engine;

  @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
      description = {"The Spark master URL with --engine spark: local[2], yarn, spark://host:7077, ... (default: ${DEFAULT-VALUE});",
          "under spark-submit, its own --master decides."})
  String master;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    if (events != null) return scoreLog(err);
    if (out == null) out = OutputFolder.of(input, engine).toString();
    ScoreEngine chosen = ScoreEngine.named(engine);
    if (input == null && !engine.equals("local")) {
      throw new WorkspaceException("--engine " + engine + " needs --input: it reads files, not the embedded sample");
    }
    CustomerModel model = withRules(CustomerModel.defaults());
    boolean large = engine.equals("local") && input != null && Files.isRegularFile(Path.of(input))
        && Files.size(Path.of(input)) >= Progress.READ_BAR_FROM_BYTES;
    try (Bars bars = large ? new Bars() : null) {
      return run(chosen, new ScoreJob(input, null, out, model, master, lenient, bars == null ? ScoreProgress.none() : bars),
          err);
    }
  }

  private int run(ScoreEngine chosen, ScoreJob job, PrintWriter err) {
    long started = System.nanoTime();
    List<String> lines = chosen.score(job);
    lines.forEach(err::println);
    err.println(String.format(Locale.ROOT, "done with the %s engine in %.1f s", engine, (System.nanoTime() - started) / 1e9));
    err.flush();
    return Main.OK;
  }

  /**
   * A log's customers exist only once the log is read and their features derived: the analysis
   * derives them, the columnar engine assigns their personas and traits, and the models fitted to
   * the log score them, into the same two files. Another engine derives, profiles and scores them
   * where it runs.
   */
  private int scoreLog(PrintWriter err) {
    if (input != null) throw new WorkspaceException("give --input (a customer table) or --events (a log), not both");
    if (!engine.equals("local")) return scoreLogElsewhere(err);
    long started = System.nanoTime();
    Analysis analysis = InputOptions.logAlone(Path.of(events), eventsFormat, columns, lenient, rules).analytics()
        .analysis();
    Path dir = Path.of(out == null ? OutputFolder.of(events, engine).toString() : out);
    Path scores = Export.csv(analysis.scores(), dir.resolve(BatchScorer.SCORES_FILE));
    Path personas = Export.csv(analysis.personas(), dir.resolve(BatchScorer.PERSONAS_FILE));
    analysis.dataset().skipped().forEach(row -> row.reasons().forEach(issue -> err.println("skipped: " + issue)));
    err.println(String.format(Locale.ROOT, "scored %,d customers of %s in %.1f s; wrote %s and %s",
        analysis.scored().rowCount(), events, (System.nanoTime() - started) / 1e9, scores, personas));
    err.flush();
    return Main.OK;
  }

  private int scoreLogElsewhere(PrintWriter err) {
    if (columns != null) {
      throw new WorkspaceException("--columns maps a log's headers for the local engine only; with --engine " + engine
          + ", rename the headers to a layout's (lens analyze --help lists them)");
    }
    LogFormat format = eventsFormat;
    if (format == null) {
      Path file = Path.of(events);
      if (!Files.isRegularFile(file)) {
        throw new WorkspaceException("--engine " + engine + " recognises a log's layout from a local file only; name it "
            + "with --events-format TRANSACTIONS, EVENTS or CDNOW");
      }
      format = LogFormat.detect(file);
    }
    CustomerModel model = withRules(CustomerModel.forLogs());
    String dir = out == null ? OutputFolder.of(events, engine).toString() : out;
    return run(ScoreEngine.named(engine), new ScoreJob(events, format, dir, model, master, true, ScoreProgress.none()), err);
  }

  /** {@code base}, with the --rules file's persona rules when one is given. */
  private CustomerModel withRules(CustomerModel base) {
    return rules == null ? base : base.withRules(PersonaRules.load(rules));
  }

  /** One progress bar per stage on stderr. */
  private static final class Bars implements ScoreProgress, AutoCloseable {
    private ProgressBar bar;

    @Override
    public synchronized void stage(String name, long total, String unit) {
      close();
      boolean bytes = unit.equals("bytes");
      bar = Progress.bar(name, total, bytes ? " MB" : " " + unit, bytes ? 1 << 20 : 1).build();
    }

    @Override
    public void advance(long amount) {
      bar.stepBy(amount);
    }

    @Override
    public synchronized void close() {
      if (bar != null) bar.close();
      bar = null;
    }
  }
}
