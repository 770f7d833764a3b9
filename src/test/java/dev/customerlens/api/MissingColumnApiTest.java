package dev.customerlens.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.customerlens.CustomerAnalytics;
import dev.customerlens.Fixtures;
import dev.customerlens.data.Dataset;
import dev.customerlens.predict.Predictor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API serves a table without Promo Code Used: the persona that needs it is unavailable, the rest answers. */
class MissingColumnApiTest {
  @TempDir Path dir;

  @Test
  void personasAndAnalysesOfTheSeventeenColumnReleaseSayWhatIsUnavailable() {
    CustomerAnalytics analytics = CustomerAnalytics.of(Dataset.read(Fixtures.variant(dir, "snake-17.csv")));
    try (ApiServer server = ApiServer.start(analytics, ApiOptions.defaults().withPort(0))) {
      ApiClient client = new ApiClient(server);
      var personas = client.get("/api/personas");
      assertEquals(200, personas.status(), personas.body());
      var bargain = personas.json().get("personas").get(1);
      assertEquals("Bargain Hunter", bargain.get("persona").asText());
      assertEquals(0, bargain.get("customers").asInt());
      assertEquals("unavailable: needs promo_used. Bought with a discount and a promo code, spending under $60",
          bargain.get("description").asText());
      var customer = client.get("/api/analyze/2");
      assertEquals(200, customer.status(), customer.body());
      assertEquals("New Explorer", customer.json().get("persona").get("label").asText());
      assertEquals(Predictor.BASIS, customer.json().get("predictive_analytics").get("basis").asText());
    }
  }
}
