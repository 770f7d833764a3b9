package dev.customerlens.events;

/** The log layouts {@link EventLog} reads. */
public enum LogFormat {
  /** One row per event: customer_id, timestamp, event (view, cart or purchase), category, amount. */
  EVENTS("event log", "customer_id, timestamp, event, category, amount"),
  /**
   * One row per invoice line in the layout of the public UCI "Online Retail II" data; each kept
   * invoice becomes one purchase event. Purchases only, so there is no funnel.
   */
  TRANSACTIONS("transaction log", "Invoice, StockCode, Description, Quantity, InvoiceDate, Price, Customer ID, Country"),
  /**
   * The CDNOW sample of Fader and Hardie: whitespace-separated, no header, one purchase record per
   * line (customer id, sample id, YYYYMMDD date, CDs, dollars). Dates only, no times of day.
   */
  CDNOW("CDNOW purchase records", "customer id, sample id, date (YYYYMMDD), quantity, amount; no header");

  /**
   * The layout of a log file, from its first line: Online Retail's headers mean TRANSACTIONS, a
   * customer_id and event header means EVENTS, five whitespace-separated numbers mean CDNOW.
   */
  public static LogFormat detect(java.nio.file.Path file) {
    String first;
    try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(dev.customerlens.data.ByteSource.open(file),
        java.nio.charset.StandardCharsets.UTF_8))) {
      first = lines.readLine();
    } catch (java.nio.file.NoSuchFileException e) {
      throw new dev.customerlens.data.DataFileException(new dev.customerlens.data.Issue(file.toString(), 1, 0, null,
          null, "no such file"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + file, e);
    }
    String header = first == null ? "" : first.replace("\uFEFF", "").toLowerCase(java.util.Locale.ROOT);
    if (header.contains("invoice")) return TRANSACTIONS;
    if (header.contains("event") && header.contains("timestamp")) return EVENTS;
    if (header.strip().matches("[0-9]+\\s+[0-9]+\\s+[0-9]{8}\\s+\\S+\\s+\\S+")) return CDNOW;
    throw new dev.customerlens.data.DataFileException(new dev.customerlens.data.Issue(file.toString(), 1, 0, null, null,
        "is not a log layout this tool recognises: expected a header naming Invoice, InvoiceDate, Customer ID... "
            + "(a transaction log), customer_id, timestamp, event... (an event log), or CDNOW's five numbers; "
            + "or give the layout with --events-format or the columns with --columns"));
  }

  private final String label;
  private final String columns;

  LogFormat(String label, String columns) {
    this.label = label;
    this.columns = columns;
  }

  public String label() {
    return label;
  }

  /** The columns the format expects, for messages and documentation. */
  public String columns() {
    return columns;
  }
}
