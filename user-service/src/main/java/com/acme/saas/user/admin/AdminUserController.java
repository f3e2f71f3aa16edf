package com.acme.saas.user.admin;

import com.acme.saas.common.security.CurrentUser;
import com.acme.saas.common.web.ApiResponse;
import com.acme.saas.common.web.PageQuery;
import com.acme.saas.common.web.PageResponse;
import com.acme.saas.user.profiles.ProfileView;
import com.acme.saas.user.profiles.Profiles;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Every user's profile, for admins. */
@RestController
@RequestMapping("/api/v1/users")
@PreAuthorize("hasRole('ADMIN')")
class AdminUserController {

  private final Profiles profiles;
  private final UserAdministration administration;

  AdminUserController(Profiles profiles, UserAdministration administration) {
    this.profiles = profiles;
    this.administration = administration;
  }

  @GetMapping
  PageResponse<ProfileView> list(
      @Valid PageQuery page, @RequestParam(required = false) @Nullable @Size(max = 254) String q) {
    return profiles.list(q, page);
  }

  @GetMapping("/{id}")
  ApiResponse<ProfileView> get(@PathVariable UUID id) {
    return ApiResponse.of(profiles.get(id));
  }

  @PatchMapping("/{id}")
  ApiResponse<ProfileView> changeRole(
      CurrentUser admin, @PathVariable UUID id, @Valid @RequestBody RoleChange request) {
    return ApiResponse.of(administration.changeRole(admin, id, request.role()));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(CurrentUser admin, @PathVariable UUID id) {
    administration.delete(admin, id);
  }
}
