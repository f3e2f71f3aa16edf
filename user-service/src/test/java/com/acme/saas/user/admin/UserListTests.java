package com.acme.saas.user.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.testsupport.HttpApi;
import com.acme.saas.testsupport.InjectApi;
import com.acme.saas.testsupport.RealInfrastructure;
import com.acme.saas.testsupport.TestTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class UserListTests {

  @InjectApi HttpApi http;
  String admin;
  // Profiles of other test classes may arrive here too (their UserRegistered events are on the
  // shared broker), so each test lists only profiles carrying its own marker.
  String marker;

  @BeforeEach
  void setUp() {
    UUID adminId = UUID.randomUUID();
    admin = TestTokens.admin(adminId);
    profile(adminId, "ADMIN", "root@acme.example");
    marker = "m" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void listsProfilesNewestFirstWithPageMeta() {
    profile(UUID.randomUUID(), "USER", "first@" + marker + ".example");
    profile(UUID.randomUUID(), "USER", "second@" + marker + ".example");

    HttpApi.Response response = http.get("/api/v1/users?q=" + marker, admin);

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(emails(response))
        .containsExactly("second@" + marker + ".example", "first@" + marker + ".example");
    assertThat(response.json().path("meta").toString())
        .isEqualTo("{\"total\":2,\"page\":1,\"pageSize\":20,\"totalPages\":1}");
  }

  @Test
  void listWithoutFilterIncludesEveryone() {
    UUID id = UUID.randomUUID();
    profile(id, "USER", "someone@" + marker + ".example");

    HttpApi.Response response = http.get("/api/v1/users?pageSize=100", admin);

    assertThat(emails(response)).contains("root@acme.example", "someone@" + marker + ".example");
    assertThat(response.json().path("meta").path("total").asLong()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void lastPageAndPageBeyondTheEnd() {
    for (int i = 0; i < 5; i++) {
      profile(UUID.randomUUID(), "USER", "u" + i + "@" + marker + ".example");
    }

    HttpApi.Response last = http.get("/api/v1/users?q=" + marker + "&page=3&pageSize=2", admin);
    HttpApi.Response beyond = http.get("/api/v1/users?q=" + marker + "&page=4&pageSize=2", admin);

    assertThat(emails(last)).containsExactly("u0@" + marker + ".example");
    assertThat(last.json().path("meta").toString())
        .isEqualTo("{\"total\":5,\"page\":3,\"pageSize\":2,\"totalPages\":3}");
    assertThat(beyond.data().size()).isZero();
    assertThat(beyond.json().path("meta").toString())
        .isEqualTo("{\"total\":5,\"page\":4,\"pageSize\":2,\"totalPages\":3}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"?pageSize=0", "?pageSize=101", "?page=0"})
  void pageOutOfRangeAnswers400(String query) {
    HttpApi.Response response = http.get("/api/v1/users" + query, admin);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorCode()).isEqualTo("VALIDATION_ERROR");
  }

  @Test
  void searchMatchesEmailOrNameIgnoringCase() {
    profile(UUID.randomUUID(), "USER", "ada." + marker + "@example.com");
    UUID grace = UUID.randomUUID();
    profile(grace, "USER", "g.hopper." + UUID.randomUUID() + "@example.com");
    http.patch(
        "/api/v1/users/me",
        TestTokens.user(grace),
        Map.of("name", "Grace " + marker.toUpperCase() + " Hopper"));
    profile(UUID.randomUUID(), "USER", "alan." + UUID.randomUUID() + "@example.com");

    HttpApi.Response response = http.get("/api/v1/users?q=" + marker, admin);

    assertThat(response.data().size()).isEqualTo(2);
    assertThat(emails(response)).contains("ada." + marker + "@example.com");
    assertThat(response.data().findValues("name").stream().map(JsonNode::asString))
        .contains("Grace " + marker.toUpperCase() + " Hopper");
    assertThat(response.json().path("meta").path("total").asLong()).isEqualTo(2);
  }

  @Test
  void searchTreatsWildcardsLiterally() {
    profile(UUID.randomUUID(), "USER", "a_b@" + marker + ".example");
    profile(UUID.randomUUID(), "USER", "axb@" + marker + ".example");

    assertThat(emails(http.get("/api/v1/users?q=a_b%40" + marker, admin)))
        .containsExactly("a_b@" + marker + ".example");
    assertThat(emails(http.get("/api/v1/users?q=%25" + marker, admin))).isEmpty();
  }

  @Test
  void adminReadsOneProfile() {
    UUID id = UUID.randomUUID();
    profile(id, "USER", "one@example.com");

    HttpApi.Response response = http.get("/api/v1/users/" + id, admin);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.data().path("email").asString()).isEqualTo("one@example.com");
    assertThat(response.data().path("plan").asString()).isEqualTo("free");
  }

  @Test
  void unknownUserAnswers404() {
    HttpApi.Response response = http.get("/api/v1/users/" + UUID.randomUUID(), admin);

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.errorCode()).isEqualTo("RESOURCE_NOT_FOUND");
  }

  @Test
  void usersCannotManageUsers() {
    UUID userId = UUID.randomUUID();
    String user = TestTokens.user(userId);
    profile(userId, "USER", "plain@example.com");
    UUID other = UUID.randomUUID();
    profile(other, "USER", "other@example.com");

    List<HttpApi.Response> responses =
        List.of(
            http.get("/api/v1/users", user),
            http.get("/api/v1/users/" + other, user),
            http.patch("/api/v1/users/" + other, user, Map.of("role", "USER")),
            http.patch("/api/v1/users/" + userId, user, Map.of("role", "ADMIN")),
            http.delete("/api/v1/users/" + other, user));

    assertThat(responses)
        .allSatisfy(
            r -> assertThat(r.errorCode()).as(r.toString()).isEqualTo("INSUFFICIENT_PERMISSIONS"));
    assertThat(http.get("/api/v1/users/me", user).data().path("role").asString()).isEqualTo("USER");
    assertThat(http.get("/api/v1/users/" + other, admin).status()).isEqualTo(200);
  }

  private void profile(UUID id, String role, String email) {
    HttpApi.Response response =
        http.get(
            "/api/v1/users/me", TestTokens.token(id, role, claims -> claims.claim("email", email)));
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
  }

  private static List<String> emails(HttpApi.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    List<String> emails = new ArrayList<>();
    for (JsonNode profile : response.data()) {
      emails.add(profile.path("email").asString());
    }
    return emails;
  }
}
