package dev.customerlens.chart;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The pinned plotly.js bundle (npm plotly.js-dist-min, version and SHA-256 checked at build time),
 * served from the jar so reports and notebook outputs draw without any network.
 */
public final class PlotlyJs {
  public static final String VERSION = "3.7.0";
  private static final String RESOURCE = "/dev/customerlens/chart/plotly.min.js";
  private static volatile String source;

  private PlotlyJs() {}

  /** The minified library, about 4.8 MB, loaded once. */
  public static String source() {
    String cached = source;
    if (cached != null) return cached;
    try (InputStream in = PlotlyJs.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException("plotly.js is missing from the classpath; build with mvn package");
      cached = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      source = cached;
      return cached;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled plotly.js", e);
    }
  }

  /** A script element defining {@code Plotly}, safe to inline in HTML. */
  public static String scriptTag() {
    // The bundle never contains "</script", but guard anyway: it would end the element early.
    return "<script>" + source().replace("</script", "<\\/script") + "</script>";
  }
}
