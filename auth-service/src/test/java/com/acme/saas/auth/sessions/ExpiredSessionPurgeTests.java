package com.acme.saas.auth.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.auth.AuthClient;
import com.acme.saas.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class ExpiredSessionPurgeTests {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired ExpiredSessionPurge purge;

  @Test
  void expiredAndLongRevokedTokensGoWhileUsableAndRecentlyRevokedOnesStay() {
    AuthClient auth = new AuthClient(port);
    String live = auth.registered(AuthClient.newEmail()).path("refreshToken").asString();
    String expired = auth.registered(AuthClient.newEmail()).path("refreshToken").asString();
    String longRevoked = auth.registered(AuthClient.newEmail()).path("refreshToken").asString();
    String recentlyRevoked = auth.registered(AuthClient.newEmail()).path("refreshToken").asString();
    set("expires_at = now() - interval '1 minute'", expired);
    set("revoked_at = now() - interval '2 days'", longRevoked);
    set("revoked_at = now() - interval '1 hour'", recentlyRevoked);

    purge.purge();

    assertThat(stored(live)).isTrue();
    assertThat(stored(recentlyRevoked)).as("kept so that its reuse is still recognised").isTrue();
    assertThat(stored(expired)).isFalse();
    assertThat(stored(longRevoked)).isFalse();
    assertThat(auth.refresh(live).status()).isEqualTo(200);
  }

  private void set(String assignment, String token) {
    jdbc.sql("update refresh_tokens set " + assignment + " where token_hash = :hash")
        .param("hash", Sessions.hash(token))
        .update();
  }

  private boolean stored(String token) {
    return jdbc.sql("select count(*) from refresh_tokens where token_hash = :hash")
            .param("hash", Sessions.hash(token))
            .query(Long.class)
            .single()
        == 1;
  }
}
