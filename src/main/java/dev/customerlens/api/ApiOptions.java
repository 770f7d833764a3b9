package dev.customerlens.api;

import dev.customerlens.errors.WorkspaceException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How the API server listens and what it accepts.
 *
 * @param host address to bind; the loopback address by default, so only this machine can call it
 * @param port 0 picks a free port ({@link ApiServer#port()} says which)
 * @param corsOrigins browser origins ({@code https://crm.example.com}) allowed to call the API; empty turns CORS off
 * @param maxPageSize the largest {@code limit} that {@code /api/customers} accepts
 * @param maxBatchSize the most ids one {@code /api/batch-analyze} request may ask for
 * @param token the bearer token {@code POST /api/events} requires, and beyond a loopback address
 *     every {@code /api/} request; null for none, which only a loopback address allows
 * @param eventLogFile where accepted live events are appended; null keeps them in memory
 * @param inMemoryReason why live events are kept in memory only, for the answers, when there is no
 *     {@code eventLogFile}
 */
public record ApiOptions(String host, int port, List<String> corsOrigins, int maxPageSize, int maxBatchSize,
    String token, Path eventLogFile, String inMemoryReason) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 5000;

  public ApiOptions {
    if (host == null || host.isBlank()) throw new WorkspaceException("the API needs a host to bind to");
    if (port < 0 || port > 65535) throw new WorkspaceException("port " + port + " is not from 0 to 65535");
    corsOrigins = corsOrigins.stream().map(ApiOptions::origin).toList();
    if (maxPageSize < 1) throw new WorkspaceException("the maximum page size must be at least 1");
    if (maxBatchSize < 1) throw new WorkspaceException("the maximum batch size must be at least 1");
    if (token != null && token.length() < 16) throw new WorkspaceException("the API token needs at least 16 characters");
    if (token == null && !loopback(host)) {
      throw new WorkspaceException("refusing to listen on " + host + " without a token: anyone who can reach it could "
          + "read every customer's analysis and post events; give --token-file FILE, or keep the default 127.0.0.1");
    }
  }

  static boolean loopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
  }

  /** Loopback on port 5000, CORS off, pages of up to 500 customers, batches of up to 1,000 ids. */
  public static ApiOptions defaults() {
    return new ApiOptions(DEFAULT_HOST, DEFAULT_PORT, List.of(), 500, 1000, null, null,
        "kept in memory only: the server was started without an --events file to append to");
  }

  public ApiOptions withHost(String host) {
    return new ApiOptions(host, port, corsOrigins, maxPageSize, maxBatchSize, token, eventLogFile, inMemoryReason);
  }

  public ApiOptions withPort(int port) {
    return new ApiOptions(host, port, corsOrigins, maxPageSize, maxBatchSize, token, eventLogFile, inMemoryReason);
  }

  public ApiOptions withCorsOrigins(List<String> corsOrigins) {
    return new ApiOptions(host, port, corsOrigins, maxPageSize, maxBatchSize, token, eventLogFile, inMemoryReason);
  }

  /** Sets host and token together, since one decides whether the other is required. */
  public ApiOptions withHost(String host, String token) {
    return new ApiOptions(host, port, corsOrigins, maxPageSize, maxBatchSize, token, eventLogFile, inMemoryReason);
  }

  public ApiOptions withEventLogFile(Path file) {
    return new ApiOptions(host, port, corsOrigins, maxPageSize, maxBatchSize, token, file, inMemoryReason);
  }

  /** Live events are kept in memory only, for the reason given (told to the clients that post them). */
  public ApiOptions withEventsInMemory(String reason) {
    return new ApiOptions(host, port, corsOrigins, maxPageSize, maxBatchSize, token, null, reason);
  }

  public ApiOptions withMaxBatchSize(int maxBatchSize) {
    return new ApiOptions(host, port, corsOrigins, maxPageSize, maxBatchSize, token, eventLogFile, inMemoryReason);
  }

  /**
   * A browser sends its origin as lower-case scheme and host, and a port only when it is not the
   * scheme's default; written the same way here, a plain string comparison then matches it.
   */
  private static String origin(String text) {
    String problem = "CORS origin \"" + text + "\" must be a scheme and host, such as https://crm.example.com";
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new WorkspaceException(problem, e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean web = scheme.equals("http") || scheme.equals("https");
    boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
        && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
    if (!web || uri.getHost() == null || !bare) throw new WorkspaceException(problem);
    int defaultPort = scheme.equals("http") ? 80 : 443;
    boolean showPort = uri.getPort() != -1 && uri.getPort() != defaultPort;
    return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (showPort ? ":" + uri.getPort() : "");
  }
}
