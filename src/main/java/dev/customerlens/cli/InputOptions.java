package dev.customerlens.cli;

import dev.customerlens.CustomerAnalytics;
import dev.customerlens.data.ColumnMapping;
import dev.customerlens.data.Dataset;
import dev.customerlens.data.Field;
import dev.customerlens.data.HeaderChoice;
import dev.customerlens.data.Pseudonyms;
import dev.customerlens.data.ReadOptions;
import dev.customerlens.events.EventLog;
import dev.customerlens.events.LogFormat;
import dev.customerlens.events.LogReadOptions;
import dev.customerlens.persona.PersonaRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options every command that reads customers shares, with the same names everywhere. */
final class InputOptions {
  @Option(names = "--input", paramLabel = "FILE",
      description = "Customer CSV in the Customer Shopping Trends schema (default: the embedded sample data).")
  Path input;

  @Option(names = "--rules", paramLabel = "FILE", description = "Persona rules as JSON (default: the built-in rules).")
  Path rules;

  @Option(names = "--lenient", description = "Skip rows with bad values and report them, instead of failing.")
  boolean lenient;

  @Option(names = "--columns", paramLabel = "PART=HEADER,...", description = {"Choose which header plays which part: "
      + "part=Header,... (here of the --input table; its parts are " + "the rule features customer_id, age, ..., payment, "
      + "frequency).", "Example: --columns payment=Preferred_Payment_Method. A header named here wins over the "
      + "reader's own matching; the audit lists every choice."})
  String columns;

  @Option(names = "--events", paramLabel = "FILE", description = {"Event or transaction log of the same customers "
      + "(default: the embedded log with the embedded data, none with --input).",
      "Adds activity over time, a repeat-purchase model and a holdout evaluation."})
  Path events;

  @Option(names = "--events-format", paramLabel = "FORMAT", defaultValue = "EVENTS",
      description = "EVENTS (customer_id, timestamp, event, category, amount) or TRANSACTIONS (Online Retail II: "
          + "Invoice, StockCode, Description, Quantity, InvoiceDate, Price, Customer ID, Country). Default: ${DEFAULT-VALUE}.")
  LogFormat eventsFormat;

  @Option(names = "--no-events", description = "Analyse the customer table alone, without the embedded event log.")
  boolean noEvents;

  @Option(names = "--anonymize", paramLabel = "KEYFILE", description = {"Replace every customer id by its keyed "
      + "pseudonym (HMAC-SHA256 under the file's key, 16+ bytes) in all output: API, exports, reports.",
      "The same key gives the same pseudonyms; without it they cannot be traced back."})
  Path anonymize;

  @Spec(Spec.Target.MIXEE) CommandSpec command;

  private Dataset dataset() {
    if (input == null) return Dataset.embedded();
    ReadOptions options = (lenient ? ReadOptions.lenient() : ReadOptions.strict()).withColumns(ColumnMapping.parse(columns));
    if (!Files.isRegularFile(input)) return noted(Dataset.read(input, options));
    try (InputStream in = Progress.reading(input)) {
      return noted(Dataset.read(in, input.toString(), options));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + input, e);
    }
  }

  /**
   * Says on stderr, as the table loads, which columns it lacks and which headers were set aside, so
   * no choice made for the user goes unnoticed; {@code lens audit} says the same and what it affects.
   */
  private Dataset noted(Dataset customers) {
    PrintWriter err = command.commandLine().getErr();
    for (Field field : customers.missingColumns()) {
      err.println("note: " + customers.source() + " has no " + field.header() + " column, so " + field.key()
          + " is unavailable (lens audit lists the rules and scores that need it)");
    }
    for (HeaderChoice choice : customers.headerChoices()) {
      if (!choice.setAside().isEmpty() || choice.how() == HeaderChoice.How.SIMILAR_NAME) err.println("note: " + choice.describe());
    }
    err.flush();
    return customers;
  }

  CustomerAnalytics analytics() {
    Dataset customers = dataset();
    EventLog log = eventLog(customers);
    if (anonymize != null) {
      // Events are checked against the raw ids first; from here on nothing sees a raw id.
      Pseudonyms pseudonyms = Pseudonyms.fromKeyFile(anonymize);
      customers = customers.pseudonymised(pseudonyms);
      log = log == null ? null : log.pseudonymised(pseudonyms);
    }
    CustomerAnalytics analytics = CustomerAnalytics.of(customers);
    if (log != null) analytics = analytics.withEvents(log);
    return rules == null ? analytics : analytics.withRules(PersonaRules.load(rules));
  }

  /** Events are checked against the customers: an id the table lacks is an error with its line. */
  private EventLog eventLog(Dataset customers) {
    if (noEvents) return null;
    if (events != null) {
      LogReadOptions options = (lenient ? LogReadOptions.lenient() : LogReadOptions.strict()).withCustomers(customers);
      return EventLog.read(events, eventsFormat, options);
    }
    return input == null ? EventLog.embedded() : null;
  }
}
