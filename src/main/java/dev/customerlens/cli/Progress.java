package dev.customerlens.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /** The file's bytes, counted on a bar when the file is large. */
  static InputStream reading(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    long size = Files.size(file);
    return size < READ_BAR_FROM_BYTES ? in : ProgressBar.wrap(in, bar("read " + file.getFileName(), size, " MB", 1 << 20));
  }
}
