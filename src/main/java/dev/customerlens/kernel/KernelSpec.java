package dev.customerlens.kernel;

import dev.customerlens.chart.PlotlyJs;
import dev.customerlens.export.Export;
import dev.customerlens.export.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Jupyter kernelspec: the {@code kernel.json} that tells Jupyter how to start this kernel. The
 * kernel is interrupted by message ({@code "interrupt_mode": "message"}), because the SIGINT
 * Jupyter would otherwise send ends a JVM.
 */
public record KernelSpec(List<String> argv, String displayName) {
  /** The kernel's name in {@code jupyter kernelspec list} and in notebooks' metadata. */
  public static final String NAME = "customer-lens";
  public static final String DISPLAY_NAME = "Java (Customer Lens)";
  private static final String CONNECTION_FILE = "{connection_file}";
  /** The system property that tells a running kernel the name it was installed under. */
  public static final String NAME_PROPERTY = "customerlens.kernel.name";
  /** plotly.js in the kernelspec folder, which Jupyter servers serve at {@code kernelspecs/NAME/FILE}. */
  public static final String PLOTLY_FILE = "plotly-" + PlotlyJs.VERSION + ".min.js";

  public KernelSpec {
    argv = List.copyOf(argv);
    if (!argv.contains(CONNECTION_FILE)) throw new IllegalArgumentException("argv must pass " + CONNECTION_FILE);
  }

  /** Starts the kernel with {@code command} followed by the connection file Jupyter writes. */
  public static KernelSpec launching(List<String> command) {
    List<String> argv = new ArrayList<>(command);
    argv.add(CONNECTION_FILE);
    return new KernelSpec(argv, DISPLAY_NAME);
  }

  private record KernelJson(List<String> argv, String displayName, String language, String interruptMode,
      Map<String, Object> metadata) {}

  public String toJson() {
    return Json.write(new KernelJson(argv, displayName, "java", "message", Map.of("debugger", false)));
  }

  /**
   * Writes {@code folder/kernel.json} and the pinned plotly.js ({@link #PLOTLY_FILE}), the folder
   * {@code jupyter kernelspec install} takes; returns the folder. Notebook outputs load plotly.js
   * from there rather than carrying it.
   */
  public Path writeTo(Path folder) {
    Export.text(toJson() + "\n", folder.resolve("kernel.json"));
    Export.text(PlotlyJs.source(), folder.resolve(PLOTLY_FILE));
    return folder;
  }

  /** The name this kernel was installed under, so its outputs find their kernelspec folder. */
  static String runningName() {
    return System.getProperty(NAME_PROPERTY, NAME);
  }
}
