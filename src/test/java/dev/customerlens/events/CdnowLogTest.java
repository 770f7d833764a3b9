package dev.customerlens.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.customerlens.data.DataFileException;
import dev.customerlens.data.Issue;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CdnowLogTest {
  private static EventLog sample() {
    InputStream in = CdnowLogTest.class.getResourceAsStream("/cdnow/CDNOW_sample.txt");
    return EventLog.read(in, "CDNOW_sample.txt", LogFormat.CDNOW, LogReadOptions.strict());
  }

  private static EventLog read(String text) {
    return EventLog.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "cdnow.txt", LogFormat.CDNOW,
        LogReadOptions.strict());
  }

  @Test
  void readsEveryRecordOfTheSampleAsAPurchaseByTheSampleId() {
    EventLog log = sample();

    assertEquals(6919, log.rowCount());
    assertEquals(2357, log.summary().customers());
    assertEquals("0001", log.table().stringColumn("customer_id").get(0));
    assertEquals(29.33, log.table().doubleColumn("amount").get(0));
    assertEquals(LocalDate.of(1998, 6, 30), log.lastDate());
    assertFalse(log.summary().timesOfDay());
  }

  @Test
  void badDateNamesLineAndField() {
    DataFileException e = assertThrows(DataFileException.class,
        () -> read(" 00004 0001 19970101  2   29.33\n 00004 0001 19970230  2   29.73\n"));
    Issue issue = e.issues().get(0);

    assertEquals(2, issue.line());
    assertEquals(3, issue.columnNumber());
    assertTrue(issue.toString().startsWith("cdnow.txt:2:3: date \"19970230\" is not a date"), issue.toString());
  }

  @Test
  void wrongNumberOfFieldsIsAnError() {
    DataFileException e = assertThrows(DataFileException.class, () -> read(" 00004 0001 19970101  2\n"));
    assertTrue(e.issues().get(0).message().contains("expected 5"), e.getMessage());
  }
}
