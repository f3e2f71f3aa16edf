package com.acme.saas.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for tests: real requests over loopback, JSON bodies, bearer tokens. An {@link
 * ExchangeListener} given at construction sees every request it sends with the response it got
 * (infra/e2e checks each against the gateway's OpenAPI document that way).
 */
public final class HttpApi {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();
  private final String baseUrl;
  private final ExchangeListener listener;

  public HttpApi(String baseUrl) {
    this(baseUrl, exchange -> {});
  }

  public HttpApi(String baseUrl, ExchangeListener listener) {
    this.baseUrl = baseUrl;
    this.listener = listener;
  }

  public static HttpApi local(int port) {
    return new HttpApi("http://127.0.0.1:" + port);
  }

  public Call call(String method, String path) {
    return new Call(method, path);
  }

  public Response get(String path, @Nullable String token) {
    return call("GET", path).bearer(token).send();
  }

  public Response post(String path, @Nullable String token, @Nullable Object body) {
    return call("POST", path).bearer(token).json(body).send();
  }

  public Response put(String path, @Nullable String token, @Nullable Object body) {
    return call("PUT", path).bearer(token).json(body).send();
  }

  public Response patch(String path, @Nullable String token, @Nullable Object body) {
    return call("PATCH", path).bearer(token).json(body).send();
  }

  public Response delete(String path, @Nullable String token) {
    return call("DELETE", path).bearer(token).send();
  }

  public static String json(Object value) {
    return value instanceof String s ? s : JSON.writeValueAsString(value);
  }

  /** Told of every exchange after its response arrived; a listener that throws fails the call. */
  @FunctionalInterface
  public interface ExchangeListener {
    void exchanged(Exchange exchange);
  }

  /**
   * One request as sent ({@code path} with its query string, {@code body} empty when none) and the
   * response to it. {@code outsideContract} says why the caller sent it deliberately outside the
   * API's contract ({@link Call#outsideContract}), else null.
   */
  public record Exchange(
      String method,
      String path,
      Map<String, String> headers,
      byte[] body,
      @Nullable String outsideContract,
      Response response) {}

  /** One request being built. */
  public final class Call {
    private final String method;
    private final String path;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] bytes = new byte[0];
    private @Nullable String outsideContract;

    private Call(String method, String path) {
      this.method = method;
      this.path = path;
    }

    public Call bearer(@Nullable String token) {
      if (token != null) {
        headers.put("Authorization", "Bearer " + token);
      }
      return this;
    }

    public Call header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    /** A JSON body: a String is sent as it is, anything else serialized. */
    public Call json(@Nullable Object value) {
      if (value != null) {
        headers.putIfAbsent("Content-Type", "application/json");
        bytes = HttpApi.json(value).getBytes(StandardCharsets.UTF_8);
      }
      return this;
    }

    public Call body(byte[] bytes, String contentType) {
      headers.put("Content-Type", contentType);
      this.bytes = bytes.clone();
      return this;
    }

    /**
     * Marks a request the caller sends deliberately outside the API's contract (a path no route
     * has, say), so that a listener checking exchanges against the contract can leave it out.
     */
    public Call outsideContract(String why) {
      this.outsideContract = why;
      return this;
    }

    public Response send() {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(baseUrl + path))
              .timeout(Duration.ofSeconds(30))
              .method(
                  method,
                  bytes.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(bytes));
      headers.forEach(request::header);
      Response response;
      try {
        response = new Response(client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
      } catch (IOException e) {
        throw new IllegalStateException(method + " " + baseUrl + path + " failed: " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      listener.exchanged(
          new Exchange(
              method, path, Map.copyOf(headers), bytes.clone(), outsideContract, response));
      return response;
    }
  }

  /** A response: status, headers, and the body as text and as JSON. */
  public record Response(HttpResponse<String> raw) {

    public int status() {
      return raw.statusCode();
    }

    public String text() {
      return raw.body();
    }

    public JsonNode json() {
      return raw.body().isEmpty() ? JSON.nullNode() : JSON.readTree(raw.body());
    }

    /** {@code data} of a success envelope. */
    public JsonNode data() {
      return json().path("data");
    }

    /** {@code error.code} of an error envelope. */
    public String errorCode() {
      return json().path("error").path("code").asString();
    }

    public @Nullable String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return raw.statusCode() + " " + raw.body();
    }
  }
}
