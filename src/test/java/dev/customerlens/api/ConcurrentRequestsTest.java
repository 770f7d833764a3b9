package dev.customerlens.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrentRequestsTest {
  private static final int THREADS = 8;
  private static final int REQUESTS = 50;

  @Test
  void eightClientsAtOnceAllGetTheSameAnswers() throws Exception {
    try (ApiServer server = ApiServer.start(ApiClient.SAMPLE, ApiOptions.defaults().withPort(0))) {
      ApiClient client = new ApiClient(server);
      List<String> paths = List.of("/api/analyze/101", "/api/analyze/2024", "/api/customers?sort=estimated_clv&limit=20");
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        // Every thread starts on a customer nobody has asked for yet, so the kept answers are made concurrently.
        List<Future<List<String>>> runs = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          runs.add(pool.submit(() -> {
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
              var response = client.get(paths.get(i % paths.size()));
              assertEquals(200, response.status(), response.body());
              bodies.add(response.body());
            }
            return bodies;
          }));
        }
        List<String> first = runs.get(0).get();
        for (Future<List<String>> run : runs) assertEquals(first, run.get());
        assertEquals(ApiClient.SAMPLE.customer("2024").toJson(), first.get(1));
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
