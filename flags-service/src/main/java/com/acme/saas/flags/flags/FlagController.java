package com.acme.saas.flags.flags;

import com.acme.saas.common.security.CurrentUser;
import com.acme.saas.common.web.ApiResponse;
import com.acme.saas.common.web.PageQuery;
import com.acme.saas.common.web.PageResponse;
import com.acme.saas.flags.flags.FlagRequests.FlagPatch;
import com.acme.saas.flags.flags.FlagRequests.NewFlag;
import com.acme.saas.flags.flags.FlagRequests.OverrideValue;
import com.acme.saas.flags.flags.FlagView.OverrideView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Flag management and its audit trail, for admins. */
@RestController
@RequestMapping("/api/v1/flags")
@PreAuthorize("hasRole('ADMIN')")
class FlagController {

  private final FlagService service;

  FlagController(FlagService service) {
    this.service = service;
  }

  @GetMapping
  PageResponse<FlagView> list(
      @Valid PageQuery page, @RequestParam(required = false) @Nullable @Size(max = 200) String q) {
    return service.list(q, page);
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED) // what springdoc documents; the ResponseEntity sets it
  ResponseEntity<ApiResponse<FlagView>> create(
      CurrentUser admin, @Valid @RequestBody NewFlag request) {
    FlagView flag = service.create(admin, request);
    return ResponseEntity.created(URI.create("/api/v1/flags/" + flag.key()))
        .body(ApiResponse.of(flag));
  }

  @GetMapping("/{key}")
  ApiResponse<FlagView> get(@PathVariable String key) {
    return ApiResponse.of(service.get(key));
  }

  @PatchMapping("/{key}")
  ApiResponse<FlagView> update(
      CurrentUser admin, @PathVariable String key, @Valid @RequestBody FlagPatch patch) {
    return ApiResponse.of(service.update(admin, key, patch));
  }

  @DeleteMapping("/{key}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(CurrentUser admin, @PathVariable String key) {
    service.delete(admin, key);
  }

  @PutMapping("/{key}/overrides/{userId}")
  ApiResponse<OverrideView> putOverride(
      CurrentUser admin,
      @PathVariable String key,
      @PathVariable UUID userId,
      @Valid @RequestBody OverrideValue body) {
    return ApiResponse.of(service.putOverride(admin, key, userId, body.value()));
  }

  @DeleteMapping("/{key}/overrides/{userId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void deleteOverride(CurrentUser admin, @PathVariable String key, @PathVariable UUID userId) {
    service.deleteOverride(admin, key, userId);
  }

  @GetMapping("/{key}/audit")
  PageResponse<AuditEntryView> audit(@PathVariable String key, @Valid PageQuery page) {
    return service.audit(key, page);
  }
}
