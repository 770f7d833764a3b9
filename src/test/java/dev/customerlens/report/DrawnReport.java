package dev.customerlens.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a reader of a rendered report sees: which charts were drawn and titled, and what went wrong. */
record DrawnReport(int figures, int drawn, int svgPlots, List<String> missingTitles, int chartErrors,
    List<String> consoleMessages) {
  private static final Pattern FIGURE_TAG = Pattern.compile("<div [^>]*data-figure=\"[^\"]+\"[^>]*>");
  private static final Pattern TITLE = Pattern.compile("data-title=\"([^\"]*)\"");

  static DrawnReport of(HeadlessChromium.Rendered rendered) {
    String dom = rendered.dom();
    Matcher m = FIGURE_TAG.matcher(dom);
    List<String> titles = new ArrayList<>();
    int drawn = 0;
    while (m.find()) {
      if (m.group().contains("data-drawn=\"true\"")) drawn++;
      Matcher title = TITLE.matcher(m.group());
      titles.add(title.find() ? title.group(1) : "");
    }
    List<String> missing = new ArrayList<>();
    for (String title : titles) {
      if (!dom.contains(">" + title + "</text>")) missing.add(title);
    }
    return new DrawnReport(titles.size(), drawn, count(dom, "class=\"main-svg\""),
        missing, count(dom, "class=\"chart-error\""), rendered.console());
  }

  /** Every chart drawn (each has its two SVG layers), titled, and the page logged nothing. */
  boolean allChartsDrawn() {
    return figures > 0 && drawn == figures && svgPlots >= figures && missingTitles.isEmpty() && chartErrors == 0
        && consoleMessages.isEmpty();
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) n++;
    return n;
  }
}
