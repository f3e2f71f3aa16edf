package com.acme.saas.auth.signing;

import com.acme.saas.common.web.ApiResponse;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The published keys (RFC 7517 JWKS, not the envelope) and the admin's on-demand rotation. */
@RestController
class KeysController {

  private static final MediaType JWK_SET = MediaType.parseMediaType("application/jwk-set+json");

  private final SigningKeys keys;

  KeysController(SigningKeys keys) {
    this.keys = keys;
  }

  /** Cacheable briefly: a new key is published well before it signs (publish-ahead). */
  @GetMapping("/.well-known/jwks.json")
  ResponseEntity<Map<String, Object>> jwks() {
    return ResponseEntity.ok()
        .contentType(JWK_SET)
        .cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic())
        .body(keys.publicKeys().toJSONObject(true));
  }

  @PostMapping("/api/v1/auth/keys/rotate")
  @PreAuthorize("hasRole('ADMIN')")
  ResponseEntity<ApiResponse<SigningKeys.Rotation>> rotate() {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(ApiResponse.of(keys.rotateNow()));
  }
}
