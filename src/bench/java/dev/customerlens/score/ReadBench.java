package dev.customerlens.score;

import dev.customerlens.data.ByteCsvReader;
import dev.customerlens.data.ByteSource;
import dev.customerlens.data.Dataset;
import dev.customerlens.data.ReadOptions;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Reading and validating only, for the benchmark's reader table: {@code ReadBench table FILE} reads
 * with {@code Dataset.read} (the byte-level reader, then the rows laid out as Tablesaw columns),
 * {@code ReadBench bytes FILE} with the byte-level reader alone, as batch scoring does. Both apply the
 * same checks and print the rows they kept.
 */
public final class ReadBench {
  private ReadBench() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[1]);
    if (args[0].equals("table")) {
      System.out.println(Dataset.read(file).rowCount());
      return;
    }
    int threads = Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (ByteSource source = ByteSource.of(file)) {
      System.out.println(new ByteCsvReader(source, ReadOptions.strict(), pool, threads, bytes -> {}).read().rows());
    } finally {
      pool.shutdownNow();
    }
  }
}
