package dev.customerlens.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScoresCsvTest {
  private static String fixed(double value) {
    ScoresCsv.Out out = new ScoresCsv.Out(4);
    ScoresCsv.writeFixed(out, value);
    return new String(out.bytes, 0, out.size, StandardCharsets.US_ASCII);
  }

  @Test
  void writesNumbersRoundedToTenDecimalsWithoutTrailingZeros() {
    assertEquals("0", fixed(0));
    assertEquals("1", fixed(1));
    assertEquals("0.5", fixed(0.5));
    assertEquals("12.3456789012", fixed(12.3456789012345));
    assertEquals("0", fixed(1e-11));
    assertEquals("0.0000000001", fixed(1e-10));
    assertEquals("100", fixed(99.999999999999));
    assertEquals("-3.25", fixed(-3.25));
    assertEquals("1234567.25", fixed(1234567.25));
    assertEquals("", fixed(Double.NaN));
    assertEquals("9000000000.5", fixed(9e9 + 0.5));
  }

  @Test
  void agreesWithBigDecimalRoundingOnRandomValues() {
    Random random = new Random(3);
    for (int i = 0; i < 100_000; i++) {
      double value = random.nextDouble() * Math.pow(10, random.nextInt(9));
      String expected = new BigDecimal(value * 1e10).setScale(0, RoundingMode.HALF_UP).movePointLeft(10)
          .stripTrailingZeros().toPlainString();
      assertEquals(expected, fixed(value), "value " + value);
    }
  }

  @Test
  void quotesAndGuardsTextAsExportDoes() {
    assertEquals("High", new String(ScoresCsv.cell("High"), StandardCharsets.UTF_8));
    assertEquals("\"a, b\"", new String(ScoresCsv.cell("a, b"), StandardCharsets.UTF_8));
    assertEquals("'=SUM(A1)", new String(ScoresCsv.cell("=SUM(A1)"), StandardCharsets.UTF_8));
    assertEquals("\"say \"\"hi\"\"\"", new String(ScoresCsv.cell("say \"hi\""), StandardCharsets.UTF_8));
  }
}
