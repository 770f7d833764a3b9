package dev.customerlens.cli;

import dev.customerlens.CustomerAnalytics;
import dev.customerlens.analysis.BaseSummary;
import dev.customerlens.data.SkippedRow;
import dev.customerlens.export.Export;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The main job: analyse the whole base (and write the outputs), or one customer. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
    description = {"Analyse the whole customer base and write the results under --out,",
        "or print one customer's analysis with --customer."})
final class AnalyzeCommand implements Callable<Integer> {
  @Mixin InputOptions input;

  @Option(names = "--customer", paramLabel = "ID", description = "Analyse one customer instead of the whole base.")
  String customer;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--out", paramLabel = "DIR", description = {"Where the whole-base analysis writes its files",
      "(default: exports/ and the input's name, such as exports/sample/; with --format json, none unless given)."})
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    CustomerAnalytics analytics = input.analytics();
    reportSkipped(analytics, stderr);
    if (customer != null) {
      var one = analytics.customer(customer);
      stdout.println(format == Format.json ? one.toJson() : CustomerText.render(one));
      stdout.flush();
      return Main.OK;
    }
    BaseSummary summary = analytics.summary();
    stdout.print(format == Format.json ? summary.toJson() + "\n" : summary.toString());
    stdout.flush();
    // Programs asking for JSON read stdout; files they did not ask for would be a surprise.
    if (format == Format.json && out == null) return Main.OK;
    Path out = this.out != null ? this.out : OutputFolder.of(input.mainInput(), "");
    Export.json(summary, out.resolve("summary.json"));
    Export.csv(analytics.personas(), out.resolve("personas.csv"));
    Export.csv(analytics.customers(), out.resolve("customers_scored.csv"));
    Export.csv(analytics.recommendationList(), out.resolve("recommendations.csv"));
    Export.xlsx(analytics.recommendationList(), out.resolve("recommendations.xlsx"));
    Export.csv(analytics.recommendations(), out.resolve("plan.csv"));
    Export.json(analytics.audit(), out.resolve("audit.json"));
    analytics.report().write(out.resolve("report.html"));
    stderr.println("wrote summary.json, personas.csv, customers_scored.csv, recommendations.csv, recommendations.xlsx, "
        + "plan.csv, audit.json and report.html to " + out.toAbsolutePath().normalize());
    stderr.flush();
    return Main.OK;
  }

  static void reportSkipped(CustomerAnalytics analytics, PrintWriter stderr) {
    var skipped = analytics.dataset().skipped();
    if (skipped.isEmpty()) return;
    stderr.println("skipped " + skipped.size() + " row" + (skipped.size() == 1 ? "" : "s") + ":");
    for (SkippedRow row : skipped) row.reasons().forEach(issue -> stderr.println("  " + issue));
    stderr.flush();
  }
}
