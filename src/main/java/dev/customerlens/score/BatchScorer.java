package dev.customerlens.score;

import dev.customerlens.persona.PersonaSummary;
import dev.customerlens.data.Customers;
import dev.customerlens.data.ByteCsvReader;
import dev.customerlens.data.ByteSource;
import dev.customerlens.data.DataFileException;
import dev.customerlens.data.Features;
import dev.customerlens.data.Field;
import dev.customerlens.data.Issue;
import dev.customerlens.data.ReadOptions;
import dev.customerlens.data.ValueOrder;
import dev.customerlens.errors.Failures;
import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.export.Export;
import dev.customerlens.model.CustomerModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Scores every customer of a file of any size and writes the scored-customer table and the persona
 * summary: the same personas, traits, scores and top recommendation as {@code CustomerAnalytics},
 * from the same declared rules, compiled to run over primitive columns on every core.
 *
 * <pre>{@code
 * BatchScore result = BatchScorer.of(Path.of("customers.csv")).score(Path.of("exports"));
 * BatchScorer.of(path).withModel(CustomerModel.defaults().withRules(PersonaRules.load(Path.of("rules.json")))).lenient().score(dir);
 * }</pre>
 *
 * <p>Memory stays near 30 bytes a customer (one byte per field for typical columns, the id as a
 * long, the persona and the traits), plus 24 while lifetime values are sorted. Outputs are written
 * atomically, like every export.
 */
public final class BatchScorer {
  public static final String SCORES_FILE = "scores.csv";
  public static final String PERSONAS_FILE = "personas.csv";
  private static final int TASK_ROWS = 8 * Block.SIZE;

  private final Path input;
  private final CustomerModel model;
  private final ReadOptions options;
  private final ScoreProgress progress;
  private final int threads;

  private BatchScorer(Path input, CustomerModel model, ReadOptions options, ScoreProgress progress, int threads) {
    if (threads < 1) throw new WorkspaceException("threads must be at least 1, was " + threads);
    this.input = input;
    this.model = model;
    this.options = options;
    this.progress = progress;
    this.threads = threads;
  }

  /** Scores a customer CSV with the default rules, as {@code CustomerAnalytics.load} would analyse it. */
  public static BatchScorer of(Path input) {
    return new BatchScorer(input, CustomerModel.defaults(), ReadOptions.strict(), ScoreProgress.none(),
        Runtime.getRuntime().availableProcessors());
  }

  /** Scores the embedded 3,900-customer table. */
  public static BatchScorer embedded() {
    return of(null);
  }

  /** Scores with another declared model (rules, traits, predictor, recommendations). */
  public BatchScorer withModel(CustomerModel model) {
    return new BatchScorer(input, model, options, progress, threads);
  }

  /** Skips rows with bad values (each listed in the result) instead of failing. */
  public BatchScorer lenient() {
    return new BatchScorer(input, model, ReadOptions.lenient(), progress, threads);
  }

  public BatchScorer withProgress(ScoreProgress progress) {
    return new BatchScorer(input, model, options, progress, threads);
  }

  /** How many threads read and score (default: one per core). */
  public BatchScorer withThreads(int threads) {
    return new BatchScorer(input, model, options, progress, threads);
  }

  /** Reads, scores and writes {@value #SCORES_FILE} and {@value #PERSONAS_FILE} under {@code outputDirectory}. */
  public BatchScore score(Path outputDirectory) {
    ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
      Thread thread = new Thread(task, "batch-score");
      thread.setDaemon(true);
      return thread;
    });
    try (ByteSource source = open()) {
      progress.stage("read", source.size(), "bytes");
      Customers data = new ByteCsvReader(source, options, pool, threads, progress::advance).read();
      Scoring scoring = new Scoring(data, model);
      scoring.scale();
      List<PersonaSummary.Line> summary = classify(scoring, pool);
      Path scores = Export.atomicallyBinary(outputDirectory.resolve(SCORES_FILE), out -> write(scoring, pool, out));
      Path personas = PersonaTotals.write(summary, outputDirectory.resolve(PERSONAS_FILE));
      return new BatchScore(data.source(), data.rows(), data.skipped(), scores, personas, summary);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + (input == null ? "the embedded data" : input), e);
    } finally {
      pool.shutdownNow();
    }
  }

  private ByteSource open() throws IOException {
    if (input == null) {
      try (InputStream in = BatchScorer.class.getResourceAsStream("/dev/customerlens/data/customers.csv")) {
        if (in == null) throw new IllegalStateException("the embedded dataset is missing from the classpath");
        return ByteSource.of("embedded:customers.csv", in.readAllBytes());
      }
    }
    try {
      return ByteSource.of(input);
    } catch (NoSuchFileException e) {
      throw new DataFileException(new Issue(input.toString(), 1, 0, null, null, "no such file"));
    }
  }

  /**
   * The first pass: persona, traits and lifetime values of every row in parallel; then, with the
   * base's values sorted, the percentile thresholds and the category shift; and the persona summary.
   */
  private List<PersonaSummary.Line> classify(Scoring scoring, ExecutorService pool) {
    int rows = scoring.rows;
    progress.stage("score", rows, "customers");
    long[] annual = new long[rows];
    long[] clv = new long[rows];
    int categories = scoring.data.values(Field.CATEGORY).size();
    int cellCount = scoring.profiler.personaNames.size() * Features.AGE_BANDS.size() * categories;
    ThreadLocal<Block> blocks = ThreadLocal.withInitial(() -> new Block(scoring));
    List<Future<int[]>> parts = new ArrayList<>();
    int chunk = Math.max(TASK_ROWS, (rows / (threads * 8) + Block.SIZE - 1) / Block.SIZE * Block.SIZE);
    for (int start = 0; start < rows; start += chunk) {
      int from = start;
      int to = Math.min(rows, start + chunk);
      parts.add(pool.submit(() -> {
        Block block = blocks.get();
        int[] cells = new int[cellCount];
        for (int at = from; at < to; at += Block.SIZE) {
          block.moveTo(at, Math.min(Block.SIZE, to - at));
          scoring.classify(block, annual, clv, cells, categories);
        }
        progress.advance(to - from);
        return cells;
      }));
    }
    int[] cells = new int[cellCount];
    for (Future<int[]> part : parts) {
      int[] counted = Failures.got(part, "scoring");
      for (int c = 0; c < cellCount; c++) cells[c] += counted[c];
    }
    Future<?> sorted = pool.submit(() -> {
      long[] scratch = new long[rows];
      ValueOrder.sort(annual, scratch);
      ValueOrder.sort(clv, scratch);
    });
    List<PersonaSummary.Line> summary = PersonaTotals.of(scoring);
    Failures.got(sorted, "scoring");
    scoring.resolve(annual, clv, cells, categories);
    return summary;
  }

  /** The second pass: each task scores and formats its rows; the bytes are written in row order. */
  private void write(Scoring scoring, ExecutorService pool, OutputStream out) throws IOException {
    progress.stage("write", scoring.rows, "customers");
    out.write(ScoresCsv.HEADER.getBytes(StandardCharsets.US_ASCII));
    ScoresCsv csv = new ScoresCsv(scoring);
    int window = threads * 2 + 1;
    BlockingQueue<ScoresCsv.Out> buffers = new ArrayBlockingQueue<>(window);
    for (int i = 0; i < window; i++) buffers.add(new ScoresCsv.Out(TASK_ROWS * 160));
    ThreadLocal<Block> blocks = ThreadLocal.withInitial(() -> new Block(scoring));
    ArrayDeque<Future<ScoresCsv.Out>> pending = new ArrayDeque<>();
    int rules = scoring.recommendationCount();
    int next = 0;
    while (next < scoring.rows || !pending.isEmpty()) {
      while (next < scoring.rows && pending.size() < window) {
        int from = next;
        int to = Math.min(scoring.rows, from + TASK_ROWS);
        next = to;
        pending.add(pool.submit(() -> {
          ScoresCsv.Out buffer = buffers.take();
          buffer.size = 0;
          buffer.rows = to - from;
          Block block = blocks.get();
          int[] rule = new int[Block.SIZE];
          int[] action = new int[Block.SIZE];
          boolean[] raised = new boolean[Block.SIZE];
          boolean[][] matches = new boolean[rules][Block.SIZE];
          for (int at = from; at < to; at += Block.SIZE) {
            block.moveTo(at, Math.min(Block.SIZE, to - at));
            scoring.recommend(block, rule, action, raised, matches);
            csv.write(block, rule, action, raised, buffer);
          }
          return buffer;
        }));
      }
      ScoresCsv.Out done = Failures.got(pending.poll(), "scoring");
      out.write(done.bytes, 0, done.size);
      progress.advance(done.rows);
      buffers.add(done);
    }
  }

}
