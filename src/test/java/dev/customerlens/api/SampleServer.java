package dev.customerlens.api;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real server on a free port over the sample data, started once for a test class:
 * {@code @RegisterExtension static final SampleServer server = new SampleServer();}.
 */
final class SampleServer implements BeforeAllCallback, AfterAllCallback {
  private final ApiOptions options;
  private ApiServer server;
  private ApiClient client;

  SampleServer() {
    this(ApiOptions.defaults().withPort(0));
  }

  SampleServer(ApiOptions options) {
    this.options = options;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server = ApiServer.start(ApiClient.SAMPLE, options);
    client = new ApiClient(server);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    server.close();
  }

  ApiClient client() {
    return client;
  }

  String url() {
    return server.url();
  }
}
