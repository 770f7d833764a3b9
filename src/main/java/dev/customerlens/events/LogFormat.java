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
