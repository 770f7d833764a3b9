package dev.customerlens.cli;

import dev.customerlens.report.Report;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The self-contained HTML report, for people who will never open a notebook. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Write a self-contained HTML report (charts inlined, opens offline):",
        "the whole base, or one customer with --customer."})
final class ReportCommand implements Callable<Integer> {
  @Mixin InputOptions input;

  @Option(names = "--out", paramLabel = "FILE", description = "HTML file to write (default: exports/report.html, "
      + "or exports/customer-ID.html with --customer).")
  Path out;

  @Option(names = "--customer", paramLabel = "ID", description = "Report on this customer only.")
  String customer;

  @Option(names = "--top", paramLabel = "N", defaultValue = "" + Report.DEFAULT_DRILL_DOWN,
      description = "Customers to drill into in the whole-base report (default: ${DEFAULT-VALUE}).")
  int top;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var analytics = input.analytics();
    AnalyzeCommand.reportSkipped(analytics, spec.commandLine().getErr());
    Report report = customer == null ? analytics.report().withTopCustomers(top) : analytics.report().forCustomer(customer);
    Path file = out != null ? out
        : Path.of("exports", customer == null ? "report.html" : "customer-" + safeName(customer) + ".html");
    report.write(file);
    spec.commandLine().getErr().println("wrote " + file.toAbsolutePath().normalize());
    return Main.OK;
  }

  /** An id as part of a file name: letters, digits, dot, dash and underscore only. */
  private static String safeName(String id) {
    return id.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
