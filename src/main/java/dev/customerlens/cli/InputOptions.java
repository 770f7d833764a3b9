package dev.customerlens.cli;

import dev.customerlens.CustomerAnalytics;
import dev.customerlens.data.ColumnMapping;
import dev.customerlens.data.DataFileException;
import dev.customerlens.data.Dataset;
import dev.customerlens.data.Field;
import dev.customerlens.data.HeaderChoice;
import dev.customerlens.data.Issue;
import dev.customerlens.data.Pseudonyms;
import dev.customerlens.data.ReadOptions;
import dev.customerlens.errors.WorkspaceException;
import dev.customerlens.events.EventLog;
import dev.customerlens.events.LogFormat;
import dev.customerlens.events.LogReadOptions;
import dev.customerlens.persona.PersonaRules;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** The options every command that reads customers shares, with the same names everywhere. */
final class InputOptions {
  @Option(names = "--input", paramLabel = "FILE",
      description = "Customer CSV in the Customer Shopping Trends schema (default: the embedded sample data).")
  Path input;

  @Option(names = "--rules", paramLabel = "FILE", description = "Persona rules as JSON (default: the built-in rules).")
  Path rules;

  @Option(names = "--lenient", description = "Skip rows with bad values and report them, instead of failing.")
  boolean lenient;

  @Option(names = "--events", paramLabel = "FILE", description = {"Transaction or event log. Alone (without --input), "
      + "its customers are the base: features, personas, scores and value all come from the log.",
      "With --input, the table's customers are joined with it by id (the log's features as log_...); ids in only one "
      + "of the two are listed by the audit. Default: the embedded log with the embedded data, none with --input."})
  Path events;

  @Option(names = "--events-format", paramLabel = "FORMAT",
      description = {"TRANSACTIONS (Online Retail II: Invoice, StockCode, Description, Quantity, InvoiceDate, Price, "
          + "Customer ID, Country), EVENTS (customer_id, timestamp, event, category, amount) or CDNOW (the CDNOW "
          + "sample: id, sample id, yyyyMMdd date, quantity, amount; no header).",
          "Default: recognised from the file's first line."})
  LogFormat eventsFormat;

  @Option(names = "--columns", paramLabel = "PART=HEADER,...", description = {"Choose which header plays which "
      + "part of the main input: the --input table, or the log when it comes alone. A header named here wins over "
      + "the reader's own matching; the audit lists every choice.",
      "A table's parts are the rule features (customer_id, age, ..., payment, frequency): --columns "
      + "payment=Preferred_Payment_Method. A log's parts: customer, time, order, product, category, quantity, price, "
      + "amount (a line's total), country, event: --columns 'customer=Client,time=Date,order=Order No,amount=Total'."})
  String columns;

  @Option(names = "--events-columns", paramLabel = "PART=HEADER,...",
      description = "The same for the --events log when a customer table is given too.")
  String eventsColumns;

  @Option(names = "--no-events", description = "Analyse the customer table alone, without the embedded event log.")
  boolean noEvents;

  @Option(names = "--anonymize", paramLabel = "KEYFILE", description = {"Replace every customer id by its keyed "
      + "pseudonym (HMAC-SHA256 under the file's key, 16+ bytes) in all output: API, exports, reports.",
      "The same key gives the same pseudonyms; without it they cannot be traced back."})
  Path anonymize;

  @Option(names = "--as-of", paramLabel = "DATE", description = {"Analyse the log as it stood at the end of DATE "
      + "(YYYY-MM-DD): only events on or before it count, and recency, tenure and forecasts are measured from it.",
      "A log's customers, personas, scores and recommendations are derived again from that part; a customer table's "
      + "columns carry no dates and stay as they are. Default: the log's last day."})
  LocalDate asOf;

  @Spec(Spec.Target.MIXEE) CommandSpec command;

  /** A log alone, for a command with options of its own (lens score's --input also takes Spark's URIs). */
  static InputOptions logAlone(Path events, LogFormat format, String columns, boolean lenient, Path rules) {
    InputOptions options = new InputOptions();
    options.events = events;
    options.eventsFormat = format;
    options.columns = columns;
    options.lenient = lenient;
    options.rules = rules;
    return options;
  }

  private Dataset dataset() {
    if (input == null) return Dataset.embedded();
    ReadOptions options = (lenient ? ReadOptions.lenient() : ReadOptions.strict()).withColumns(ColumnMapping.parse(columns));
    if (!Files.isRegularFile(input)) return noted(Dataset.read(input, options));
    try {
      return noted(Progress.reading(input, progress -> Dataset.read(input, options, progress)));
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
    if (input == null && events != null && !noEvents) return fromLogAlone();
    Dataset customers = dataset();
    EventLog log = eventLog();
    if (anonymize != null) {
      Pseudonyms pseudonyms = Pseudonyms.fromKeyFile(anonymize);
      customers = customers.pseudonymised(pseudonyms);
      log = log == null ? null : log.pseudonymised(pseudonyms);
    }
    if (log == null && asOf != null) {
      throw new CommandLine.ParameterException(command.commandLine(), "--as-of needs an event log: a customer table "
          + "holds one profile row per customer, without dates");
    }
    return CustomerAnalytics.of(customers, log == null ? null : cut(log),
        rules == null ? PersonaRules.defaults() : PersonaRules.load(rules));
  }

  /** The log's own customers: no customer table, the log's rules unless --rules says otherwise. */
  private CustomerAnalytics fromLogAlone() {
    CustomerAnalytics analytics = CustomerAnalytics.fromLog(usableLog(), Dataset.sha256Of(events));
    return rules == null ? analytics : analytics.withRules(PersonaRules.load(rules));
  }

  /** The --events log, pseudonymised when asked; a log with no usable row is bad input, not an empty base. */
  EventLog usableLog() {
    EventLog log = readLog();
    if (log.rowCount() == 0) {
      throw new DataFileException(new Issue(events.toString(), 1, 0, null, null, "holds no usable event or purchase"
          + (log.summary().excluded().isEmpty() ? "" : " (every line was left out by the log's rules: "
              + String.join("; ", log.summary().excluded().entrySet().stream()
                  .map(e -> e.getValue() + " " + e.getKey().description()).toList()) + ")")
          + (log.summary().skipped().isEmpty() ? "" : "; " + log.summary().skipped().size() + " rows were skipped as bad")));
    }
    return cut(anonymize == null ? log : log.pseudonymised(Pseudonyms.fromKeyFile(anonymize)));
  }

  /** The log up to --as-of, or whole without it. */
  private EventLog cut(EventLog log) {
    return asOf == null ? log : WorkspaceException.within("--as-of " + asOf, () -> log.until(asOf));
  }

  /**
   * The log whose customers an over-time command follows: --events alone, or the embedded log
   * without any input. A customer table's rows carry no dates to follow.
   */
  EventLog logAloneOrEmbedded() {
    if (input != null) {
      throw new CommandLine.ParameterException(command.commandLine(), command.name() + " follows a log's customers "
          + "over time: give the log alone with --events FILE (a customer table's rows carry no dates)");
    }
    if (noEvents) {
      throw new CommandLine.ParameterException(command.commandLine(), command.name() + " follows a log's customers "
          + "over time: it needs a log, so --no-events leaves it nothing to follow");
    }
    return events == null ? cut(EventLog.embedded()) : usableLog();
  }

  /** The --rules file, or the rules for a log's customers. */
  PersonaRules logRules() {
    return rules == null ? PersonaRules.forLogs() : PersonaRules.load(rules);
  }

  /** The file the customers come from (the table, or the log when it comes alone); null for the embedded data. */
  String mainInput() {
    if (input != null) return input.toString();
    return logAlone() ? events.toString() : null;
  }

  /** Whether the customers come from a log alone, with no customer table. */
  boolean logAlone() {
    return input == null && events != null && !noEvents;
  }

  /** The layout of --events: as given, or recognised from its first line. */
  LogFormat eventsFormat() {
    if (eventsFormat != null) return eventsFormat;
    ColumnMapping mapping = logColumns();
    // A mapped export names its own headers, so its first line says nothing about the layout.
    if (!mapping.isEmpty()) return mapping.header("event").isPresent() ? LogFormat.EVENTS : LogFormat.TRANSACTIONS;
    return LogFormat.detect(events);
  }

  private ColumnMapping logColumns() {
    return ColumnMapping.parse(logAlone() ? columns : eventsColumns);
  }

  private EventLog readLog() {
    LogReadOptions options = (lenient ? LogReadOptions.lenient() : LogReadOptions.strict()).withColumns(logColumns());
    return EventLog.read(events, eventsFormat(), options);
  }

  /** The log beside a customer table: ids in only one of the two are the audit's business, not errors. */
  private EventLog eventLog() {
    if (noEvents) return null;
    if (events != null) return readLog();
    return input == null ? EventLog.embedded() : null;
  }
}
