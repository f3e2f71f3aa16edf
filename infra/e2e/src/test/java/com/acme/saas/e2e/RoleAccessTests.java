package com.acme.saas.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** USER and ADMIN routes: the gateway and the services tell the roles apart. */
class RoleAccessTests {

  @Test
  void aUserCannotListUsers() {
    var response = Suite.api().get("/api/v1/users", Suite.register().accessToken());
    assertThat(response.status()).isEqualTo(403);
    assertThat(response.errorCode()).isEqualTo("INSUFFICIENT_PERMISSIONS");
  }

  @Test
  void aUserCannotListAllTasks() {
    assertThat(Suite.api().get("/api/v1/admin/tasks", Suite.register().accessToken()).status())
        .isEqualTo(403);
  }

  @Test
  void theAdminListsUsersAndFindsANewOne() {
    var user = Suite.register();
    var admin = Suite.admin();
    var response = Suite.api().get("/api/v1/users?q=" + user.email(), admin.accessToken());
    assertThat(response.status()).as("%s", response).isEqualTo(200);
    assertThat(response.json().get("meta").get("total").asInt()).isEqualTo(1);
    assertThat(response.data().get(0).get("id").asString()).isEqualTo(user.userId());
  }
}
