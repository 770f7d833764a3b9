package dev.customerlens.bench;

import dev.customerlens.events.CustomerFeatures;
import dev.customerlens.events.EventLog;
import dev.customerlens.events.LogFormat;
import java.nio.file.Path;
import tech.tablesaw.api.Table;

/**
 * What the log benchmark times for us: {@code LogRead FILE} reads and checks an Online Retail log
 * with the product's reader and derives every customer's features, as the first step of
 * {@code lens analyze --events} does; prints the counts. A main of its own so each run is a fresh JVM.
 */
public final class LogRead {
  private LogRead() {}

  public static void main(String[] args) {
    long started = System.nanoTime();
    EventLog log = EventLog.read(Path.of(args[0]), LogFormat.TRANSACTIONS);
    long read = System.nanoTime();
    Table features = CustomerFeatures.of(log);
    System.out.printf("%d lines kept, %d purchases, %d customers; read %.2f s, features %.2f s%n",
        log.summary().rowsKept(), log.table().rowCount(), features.rowCount(), (read - started) / 1e9,
        (System.nanoTime() - read) / 1e9);
  }
}
