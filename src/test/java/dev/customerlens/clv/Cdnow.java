package dev.customerlens.clv;

import dev.customerlens.events.EventLog;
import dev.customerlens.events.LogFormat;
import dev.customerlens.events.LogReadOptions;
import java.time.LocalDate;

/** The CDNOW sample under src/test/resources/cdnow, split as its README says. */
final class Cdnow {
  static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
  static final LocalDate HOLDOUT_END = LocalDate.of(1998, 6, 30);

  private Cdnow() {}

  static EventLog log() {
    return EventLog.read(Cdnow.class.getResourceAsStream("/cdnow/CDNOW_sample.txt"), "CDNOW_sample.txt",
        LogFormat.CDNOW, LogReadOptions.strict());
  }

  /** 39 calibration weeks, 39 holdout weeks. */
  static Cohort cohort() {
    return Cohort.of(log(), CALIBRATION_END, HOLDOUT_END, Cohort.WEEK);
  }
}
