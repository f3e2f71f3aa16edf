package com.acme.saas.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.common.probe.ProbeApplication;
import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestTokens;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every failure class answers its catalogued code and status, in the envelope, with nothing
 * internal.
 */
@SpringBootTest(
    classes = ProbeApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class ErrorCatalogueTests {

  @LocalServerPort int port;
  HttpApi api;
  String token = TestTokens.user(UUID.randomUUID());

  @BeforeEach
  void setUp() {
    api = HttpApi.local(port);
  }

  @Test
  void validSuccessIsWrappedInTheEnvelope() {
    HttpApi.Response response = api.post("/probe/items", token, Map.of("name", "pen", "count", 2));
    assertThat(response.status()).isEqualTo(201);
    assertThat(response.data().path("name").asString()).isEqualTo("pen");
    assertThat(response.json().path("meta").path("timestamp").asString()).isNotBlank();
  }

  @Test
  void beanValidationFailureListsEachField() {
    HttpApi.Response response = api.post("/probe/items", token, Map.of("name", " ", "count", 0));
    assertValidationError(response);
    assertThat(response.json().path("error").path("details").findValuesAsString("field"))
        .containsExactly("count", "name");
  }

  @Test
  void malformedJsonIsAValidationError() {
    HttpApi.Response response = api.post("/probe/items", token, "{\"name\": ");
    assertValidationError(response);
    assertThat(response.json().path("error").path("message").asString())
        .isEqualTo("Malformed JSON request body");
  }

  @Test
  void unknownFieldIsRejectedSoNothingCanBeMassAssigned() {
    HttpApi.Response response =
        api.post("/probe/items", token, Map.of("name", "pen", "count", 1, "role", "ADMIN"));
    assertValidationError(response);
    assertThat(response.json().path("error").path("details").get(0).path("field").asString())
        .isEqualTo("role");
  }

  @Test
  void wrongTypeInBodyNamesTheField() {
    HttpApi.Response response =
        api.post("/probe/items", token, Map.of("name", "pen", "count", "many"));
    assertValidationError(response);
    assertThat(response.json().path("error").path("details").get(0).path("field").asString())
        .isEqualTo("count");
  }

  @ParameterizedTest
  @ValueSource(strings = {"*/*", "application/*", "json"})
  void aContentTypeWithoutAConcreteTypeIs415(String contentType) {
    // Spring MVC asserts a concrete type while reading the body: unguarded, that was a 500.
    HttpApi.Response response =
        api.call("POST", "/probe/items")
            .bearer(token)
            .body("{\"name\":\"pen\",\"count\":1}".getBytes(), contentType)
            .send();
    assertError(response, 415, "UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  void aCharacterOutsideTheBasicPlaneIsText() {
    HttpApi.Response response =
        api.post("/probe/items", token, "{\"name\":\"pen \\ud83d\\ude00\",\"count\":1}");
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    assertThat(response.data().path("name").asString()).isEqualTo("pen \ud83d\ude00");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\\u0000b", "a\\ud800b", "\\udc00"})
  void aNulOrAnUnpairedSurrogateInABodyStringIsRefusedNamingTheField(String escaped) {
    // PostgreSQL text cannot hold U+0000 and UTF-8 encoders (the password hash) refuse an
    // unpaired surrogate: unguarded, both were 500s.
    HttpApi.Response response =
        api.post("/probe/items", token, "{\"name\":\"" + escaped + "\",\"count\":1}");
    assertValidationError(response);
    assertThat(response.json().path("error").path("details").get(0).path("field").asString())
        .isEqualTo("name");
  }

  @Test
  void aFractionForAnIntegerFieldIsRefusedNotTruncated() {
    HttpApi.Response response = api.post("/probe/items", token, "{\"name\":\"pen\",\"count\":2.5}");
    assertValidationError(response);
    assertThat(response.json().path("error").path("details").get(0).path("field").asString())
        .isEqualTo("count");
  }

  @Test
  void nonUuidPathVariableIs400() {
    HttpApi.Response response = api.get("/probe/items/not-a-uuid", token);
    assertValidationError(response);
    assertThat(response.json().path("error").path("details").get(0).path("field").asString())
        .isEqualTo("id");
  }

  @Test
  void missingResourceIs404WithItsMessage() {
    UUID id = UUID.randomUUID();
    HttpApi.Response response = api.get("/probe/items/" + id, token);
    assertError(response, 404, "RESOURCE_NOT_FOUND");
    assertThat(response.json().path("error").path("message").asString())
        .isEqualTo("Item " + id + " does not exist");
  }

  @Test
  void pathWithoutHandlerIs404() {
    assertError(api.get("/probe/nothing/here", token), 404, "RESOURCE_NOT_FOUND");
  }

  @Test
  void wrongMethodIs405() {
    assertError(api.delete("/probe/items", token), 405, "METHOD_NOT_ALLOWED");
  }

  @Test
  void wrongMediaTypeIs415() {
    HttpApi.Response response =
        api.call("POST", "/probe/items")
            .bearer(token)
            .body("name=pen".getBytes(), "text/plain")
            .send();
    assertError(response, 415, "UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  void declaredOversizedBodyIs413() {
    byte[] body = ("{\"name\":\"" + "x".repeat(1024 * 1024 + 10) + "\",\"count\":1}").getBytes();
    HttpApi.Response response =
        api.call("POST", "/probe/items").bearer(token).body(body, "application/json").send();
    assertError(response, 413, "PAYLOAD_TOO_LARGE");
  }

  @Test
  void chunkedOversizedBodyIs413() throws Exception {
    byte[] body = ("{\"name\":\"" + "x".repeat(1024 * 1024 + 10) + "\",\"count\":1}").getBytes();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/probe/items"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            // A stream of unknown length is sent chunked, with no Content-Length to trust.
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();
    HttpResponse<String> response =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
    assertThat(response.body()).contains("\"PAYLOAD_TOO_LARGE\"");
  }

  @Test
  void paginationDefaultsAndMeta() {
    HttpApi.Response response = api.get("/probe/page", token);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().path("meta").toString())
        .isEqualTo("{\"total\":45,\"page\":1,\"pageSize\":20,\"totalPages\":3}");
  }

  @Test
  void paginationOutOfRangeIs400() {
    assertValidationError(api.get("/probe/page?pageSize=101", token));
    assertValidationError(api.get("/probe/page?pageSize=0", token));
    assertValidationError(api.get("/probe/page?page=0", token));
    assertValidationError(api.get("/probe/page?page=first", token));
  }

  @Test
  void unexpectedFailureIs500WithoutInternals() {
    HttpApi.Response response = api.get("/probe/boom", token);
    assertError(response, 500, "INTERNAL_ERROR");
    assertThat(response.text())
        .doesNotContain(
            "secret_table", "hunter2", "IllegalStateException", "java.", "at com.", "Exception");
  }

  /**
   * The database's own failures: the request's session cut, the same inside a transaction whose
   * rollback then fails too, and the request's transaction chosen as a deadlock's victim.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/probe/database-cut",
        "/probe/database-cut-in-transaction",
        "/probe/database-cut-before-commit",
        "/probe/deadlock"
      })
  void aDatabaseFailureUnderARequestIs503WithRetryAfterAndNoInternals(String path) {
    HttpApi.Response failed = api.get(path, token);

    assertError(failed, 503, "SERVICE_UNAVAILABLE");
    assertThat(failed.header("Retry-After")).isEqualTo("1");
    assertThat(failed.text())
        .doesNotContain("terminat", "rollback", "deadlock", "40P01", "PSQL", "Exception", "SQL");
  }

  @Test
  void requestIdIsEchoedAndCarriedInTheErrorBody() {
    HttpApi.Response response =
        api.call("GET", "/probe/boom").bearer(token).header("X-Request-Id", "client-req.42").send();
    assertThat(response.header("X-Request-Id")).isEqualTo("client-req.42");
    assertThat(response.json().path("error").path("requestId").asString())
        .isEqualTo("client-req.42");
  }

  @Test
  void insaneRequestIdIsReplaced() {
    HttpApi.Response response =
        api.call("GET", "/probe/public").header("X-Request-Id", "bad id; drop table").send();
    assertThat(response.header("X-Request-Id"))
        .isNotBlank()
        .doesNotContain(" ")
        .hasSizeLessThanOrEqualTo(64);
  }

  @Test
  void pageSizeOutOfRangeNamesPageSize() {
    HttpApi.Response response = api.get("/probe/search?pageSize=500", token);

    assertThat(details(response))
        .containsExactly(Map.entry("pageSize", "must be less than or equal to 100"));
  }

  @Test
  void pageOutOfRangeNamesPage() {
    HttpApi.Response response = api.get("/probe/search?page=0&pageSize=20", token);

    assertThat(details(response))
        .containsExactly(Map.entry("page", "must be greater than or equal to 1"));
  }

  @Test
  void pageSizeIsNamedWhereNoOtherParameterIsConstrained() {
    assertThat(details(api.get("/probe/page?pageSize=500", token)))
        .extracting(Map.Entry::getKey)
        .containsExactly("pageSize");
  }

  @Test
  void queryParameterIsNamedByItsRequestName() {
    HttpApi.Response response =
        api.get("/probe/search?q=" + "x".repeat(6) + "&pageSize=200", token);

    assertThat(details(response)).extracting(Map.Entry::getKey).containsExactly("pageSize", "q");
  }

  @Test
  void nestedBodyFieldIsNamedByItsJsonPath() {
    HttpApi.Response response =
        api.post(
            "/probe/orders",
            token,
            Map.of("items", List.of(item("pen", 1), item("ink", -1), item(" ", 2))));

    assertThat(details(response))
        .containsExactly(
            Map.entry("items[1].unit_price", "must be greater than or equal to 0"),
            Map.entry("items[2].title", "must not be blank"));
  }

  @Test
  void bodyAndParameterFailuresAreNamedTogether() {
    HttpApi.Response response =
        api.post("/probe/orders?dry-run=maybe", token, Map.of("items", List.of(item("", 1))));

    assertThat(details(response))
        .extracting(Map.Entry::getKey)
        .containsExactly("dry-run", "items[0].title");
  }

  @Test
  void wrongTypeInANestedFieldNamesItsJsonPath() {
    HttpApi.Response response =
        api.post(
            "/probe/orders", token, "{\"items\":[{\"title\":\"pen\",\"unit_price\":\"cheap\"}]}");

    assertThat(details(response))
        .containsExactly(Map.entry("items[0].unit_price", "has the wrong type or format"));
  }

  @Test
  void unknownNestedFieldNamesItsJsonPath() {
    HttpApi.Response response =
        api.post(
            "/probe/orders",
            token,
            "{\"items\":[{\"title\":\"pen\",\"unit_price\":1,\"discount\":5}]}");

    assertThat(details(response))
        .containsExactly(Map.entry("items[0].discount", "is not a known field"));
  }

  @Test
  void validOrderPasses() {
    HttpApi.Response response =
        api.post("/probe/orders?dry-run=yes", token, Map.of("items", List.of(item("pen", 3))));

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    assertThat(response.data().path("items").get(0).path("unit_price").asInt()).isEqualTo(3);
  }

  @ParameterizedTest(name = "Accept: {0}")
  @ValueSource(
      strings = {
        "text/html",
        "application/xml",
        "text/html, application/xhtml+xml;q=0.9",
        "image/png",
        "not a media type"
      })
  void everyAnswerIsJsonWhateverAcceptSays(String accept) {
    HttpApi.Response success = api.call("GET", "/probe/public").header("Accept", accept).send();
    HttpApi.Response notFound =
        api.call("GET", "/probe/items/" + UUID.randomUUID())
            .bearer(token)
            .header("Accept", accept)
            .send();
    HttpApi.Response invalid =
        api.call("POST", "/probe/items")
            .bearer(token)
            .header("Accept", accept)
            .json("{\"name\":\"\",\"count\":1}")
            .send();
    HttpApi.Response noRoute =
        api.call("GET", "/probe/nothing/here").bearer(token).header("Accept", accept).send();

    assertThat(success.status()).as(success.toString()).isEqualTo(200);
    assertThat(success.data().asString()).isEqualTo("open");
    assertError(notFound, 404, "RESOURCE_NOT_FOUND");
    assertValidationError(invalid);
    assertError(noRoute, 404, "RESOURCE_NOT_FOUND");
    for (HttpApi.Response response : List.of(success, notFound, invalid, noRoute)) {
      assertThat(response.header("Content-Type")).startsWith("application/json");
    }
  }

  private static Map<String, Object> item(String title, int unitPrice) {
    return Map.of("title", title, "unit_price", unitPrice);
  }

  /** The details of a VALIDATION_ERROR as field → message, in the order answered. */
  private static List<Map.Entry<String, String>> details(HttpApi.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("VALIDATION_ERROR");
    return response
        .json()
        .path("error")
        .path("details")
        .valueStream()
        .map(d -> Map.entry(d.path("field").asString(), d.path("message").asString()))
        .toList();
  }

  private static void assertValidationError(HttpApi.Response response) {
    assertError(response, 400, "VALIDATION_ERROR");
  }

  private static void assertError(HttpApi.Response response, int status, String code) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.errorCode()).as(response.toString()).isEqualTo(code);
    assertThat(response.json().path("error").path("requestId").asString()).isNotBlank();
  }
}
