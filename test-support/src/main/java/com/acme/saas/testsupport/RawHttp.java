package com.acme.saas.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP/1.1 over a plain socket, for requests that an HTTP client would refuse or normalise: the
 * request target ({@code /a/%2e%2e/b}, {@code /a\b}, {@code %ZZ}) and every header reach the server
 * byte for byte.
 */
public final class RawHttp {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final int port;

  private RawHttp(int port) {
    this.port = port;
  }

  public static RawHttp local(int port) {
    return new RawHttp(port);
  }

  /** {@code GET target} with the given extra header lines ({@code "Authorization: Bearer ..."}). */
  public Response get(String target, String... headerLines) {
    return send("GET", target, headerLines);
  }

  /** {@code method target} without a body, with the given extra header lines. */
  public Response send(String method, String target, String... headerLines) {
    StringBuilder request =
        new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    request.append("Host: 127.0.0.1:").append(port).append("\r\n");
    for (String line : headerLines) {
      request.append(line).append("\r\n");
    }
    request.append("Connection: close\r\n\r\n");
    return send(request.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Sends the bytes as they are and reads the answer until the server closes the connection. */
  public Response send(byte[] request) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
      } catch (IOException closed) {
        // A server may answer (413, 400) before it has read the whole request and close the
        // connection: the answer is still there to read.
      }
      return Response.parse(readUntilClosed(socket.getInputStream()));
    } catch (IOException e) {
      throw new IllegalStateException("raw request to 127.0.0.1:" + port + " failed: " + e, e);
    }
  }

  private static byte[] readUntilClosed(InputStream in) throws IOException {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        received.write(buffer, 0, n);
      }
    } catch (IOException reset) {
      // A server that answers and then resets the connection has still answered.
      if (received.size() == 0) {
        throw reset;
      }
    }
    return received.toByteArray();
  }

  /** The first response on the connection: status, headers (names lower-case) and body. */
  public record Response(int status, Map<String, String> headers, String body) {

    static Response parse(byte[] bytes) {
      // One char a byte, so that Content-Length and chunk sizes (bytes) cut the body right; the
      // body is decoded as UTF-8 once it is whole.
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      int headerEnd = text.indexOf("\r\n\r\n");
      if (headerEnd < 0) {
        throw new IllegalStateException("no HTTP response: [" + text + "]");
      }
      String[] lines = text.substring(0, headerEnd).split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
      String body = text.substring(headerEnd + 4);
      if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        body = dechunk(body);
      } else if (headers.containsKey("content-length")) {
        body =
            body.substring(
                0, Math.min(body.length(), Integer.parseInt(headers.get("content-length"))));
      }
      return new Response(
          status,
          headers,
          new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static String dechunk(String chunked) {
      StringBuilder body = new StringBuilder();
      int at = 0;
      while (true) {
        int lineEnd = chunked.indexOf("\r\n", at);
        int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
        if (size == 0) {
          return body.toString();
        }
        body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
        at = lineEnd + 2 + size + 2;
      }
    }

    public JsonNode json() {
      return body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
    }

    /** {@code error.code} of an error envelope. */
    public String errorCode() {
      return json().path("error").path("code").asString();
    }

    public @Nullable String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
      return status + " " + headers + " " + body;
    }
  }
}
