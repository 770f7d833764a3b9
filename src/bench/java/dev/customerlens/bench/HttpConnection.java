package dev.customerlens.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection over a plain socket, as wrk drives a server: sends a request,
 * reads the whole answer, returns its status. java.net.http.HttpClient spent about three times the
 * server's CPU per request, so on a small machine a benchmark driving it measured itself.
 */
final class HttpConnection implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  HttpConnection(URI base) throws IOException {
    socket = new Socket(base.getHost(), base.getPort());
    socket.setTcpNoDelay(true);
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
  }

  /** A whole request: head and, when {@code jsonBody} is not null, a JSON body with its length. */
  static byte[] request(String method, URI base, String path, String jsonBody) {
    byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
    String head = method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
        + (jsonBody == null ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n") + "\r\n";
    byte[] request = Arrays.copyOf(head.getBytes(StandardCharsets.ISO_8859_1), head.length() + body.length);
    System.arraycopy(body, 0, request, head.length(), body.length);
    return request;
  }

  int exchange(byte[] request) throws IOException {
    out.write(request);
    out.flush();
    String statusLine = line();
    int status = Integer.parseInt(statusLine.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    for (String header = line(); !header.isEmpty(); header = line()) {
      String name = header.substring(0, header.indexOf(':')).toLowerCase(Locale.ROOT);
      String value = header.substring(header.indexOf(':') + 1).strip();
      if (name.equals("content-length")) length = Long.parseLong(value);
      if (name.equals("transfer-encoding")) chunked = value.equalsIgnoreCase("chunked");
    }
    if (chunked) {
      for (long size = Long.parseLong(line(), 16); size > 0; size = Long.parseLong(line(), 16)) {
        skip(size);
        line();
      }
      line();
    } else if (length >= 0) {
      skip(length);
    } else {
      throw new IOException("an answer without a length: " + statusLine);
    }
    return status;
  }

  private String line() throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c == -1) throw new IOException("the server closed the connection");
      if (c != '\r') line.append((char) c);
    }
    return line.toString();
  }

  private void skip(long bytes) throws IOException {
    for (long left = bytes; left > 0; ) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() == -1) throw new IOException("the server closed the connection mid-answer");
        skipped = 1;
      }
      left -= skipped;
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Already broken: the next request opens a new connection, and this one was counted as an error.
    }
  }
}
