package com.acme.saas.gateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP service on a loopback port standing in for one of the suite's services: it answers
 * every request with what it received (service name, method, path, headers, body in base64), so a
 * test sees exactly what the gateway forwarded.
 */
public final class Backend implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String name;
  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile Duration delay = Duration.ZERO;
  private volatile int status = 200;

  private Backend(String name) throws IOException {
    this.name = name;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::echo);
    server.start();
  }

  public static Backend start(String name) {
    try {
      return new Backend(name);
    } catch (IOException e) {
      throw new IllegalStateException("Could not start backend " + name, e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Makes every following answer this late. */
  public Backend delay(Duration delay) {
    this.delay = delay;
    return this;
  }

  /** Makes every following answer carry this status. */
  public Backend answer(int status) {
    this.status = status;
    return this;
  }

  public int requests() {
    return requests.get();
  }

  private void echo(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    byte[] received = exchange.getRequestBody().readAllBytes();
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((header, values) -> headers.put(header.toLowerCase(), String.join(",", values)));
    String query = exchange.getRequestURI().getRawQuery();
    Map<String, Object> echo = new LinkedHashMap<>();
    echo.put("service", name);
    echo.put("method", exchange.getRequestMethod());
    echo.put("path", exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query));
    echo.put("headers", headers);
    echo.put("body", Base64.getEncoder().encodeToString(received));
    byte[] body = JSON.writeValueAsBytes(Map.of("data", echo));
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("X-Frame-Options", "SAMEORIGIN");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
