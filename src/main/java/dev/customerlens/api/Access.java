package dev.customerlens.api;

import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Who may call the server, checked before every request.
 *
 * <ul>
 *   <li>On a loopback address, only under this machine's own names: the Host header must be
 *       localhost, 127.x.x.x or [::1]. A DNS-rebinding page reaches 127.0.0.1 under its own domain
 *       name, and its requests say so.
 *   <li>Writing ({@code POST /api/events}) needs the bearer token whenever one is set.
 *   <li>Beyond loopback, where a token is required, reading any {@code /api/} path needs it too;
 *       only the page and its assets, which hold no data, are open.
 * </ul>
 */
final class Access {
  private Access() {}

  static void check(Context ctx, ApiOptions options) {
    boolean loopback = ApiOptions.loopback(options.host());
    if (loopback) checkHost(ctx.header(Header.HOST));
    if (options.token() == null || ctx.method() == HandlerType.OPTIONS) return;
    boolean writing = ctx.method() == HandlerType.POST && ctx.path().equals("/api/events");
    if (writing || (!loopback && ctx.path().startsWith("/api/"))) requireToken(ctx, options.token());
  }

  private static void checkHost(String host) {
    if (host == null) return;
    String name = host.toLowerCase(Locale.ROOT);
    if (name.startsWith("[")) name = name.substring(0, Math.max(1, name.indexOf(']') + 1));
    else if (name.indexOf(':') >= 0) name = name.substring(0, name.indexOf(':'));
    if (!(name.equals("localhost") || name.equals("[::1]") || name.matches("127(\\.[0-9]{1,3}){3}"))) {
      throw new ApiException(403, new Problem("host_not_allowed", "this server listens on this machine only and "
          + "answers requests for localhost, 127.0.0.1 or [::1], not for \"" + host + "\""));
    }
  }

  /** Compared in constant time, so that the answer's timing gives nothing of the token away. */
  private static void requireToken(Context ctx, String token) {
    String given = ctx.header(Header.AUTHORIZATION);
    byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    byte[] actual = given == null ? new byte[0] : given.getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected, actual)) {
      ctx.header(Header.WWW_AUTHENTICATE, "Bearer");
      throw new ApiException(401, new Problem("unauthorized", "this needs the header Authorization: Bearer <token>, "
          + "with the token from the server's --token-file"));
    }
  }
}
