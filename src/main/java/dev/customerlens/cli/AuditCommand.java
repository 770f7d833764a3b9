package dev.customerlens.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What an analyst must know before trusting the table. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "Report identical or derived columns, synonym labels, constant columns, missing values, "
        + "outliers and what the table cannot tell (no timestamps, no outcomes).")
final class AuditCommand implements Callable<Integer> {
  @Mixin InputOptions input;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    var report = input.analytics().audit();
    format.print(spec.commandLine().getOut(), report, out -> out.println(report));
    return Main.OK;
  }
}
