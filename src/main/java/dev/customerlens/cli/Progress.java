package dev.customerlens.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.LongConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress bars on stderr, only for work long enough to need one, so stdout stays clean. */
final class Progress {
  /** Reading this many bytes of CSV takes about a second here. */
  static final long READ_BAR_FROM_BYTES = 16L << 20;

  private Progress() {}

  static ProgressBarBuilder bar(String task, long max, String unit, long unitSize) {
    return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
        .setUnit(unit, unitSize).showSpeed().continuousUpdate()
        .setConsumer(new ConsoleProgressBarConsumer(System.err));
  }

  /** Runs a read of {@code file} that reports the bytes it reads, shown on a bar when the file is large. */
  static <T> T reading(Path file, Function<LongConsumer, T> read) throws IOException {
    long size = Files.size(file);
    if (size < READ_BAR_FROM_BYTES) return read.apply(bytes -> {});
    try (ProgressBar bar = bar("read " + file.getFileName(), size, " MB", 1 << 20).build()) {
      return read.apply(bytes -> {
        bar.stepBy(bytes);
        // A compressed file unpacks to more than its size: the bar then counts without an end.
        if (bar.getCurrent() > size) bar.maxHint(-1);
      });
    }
  }
}
