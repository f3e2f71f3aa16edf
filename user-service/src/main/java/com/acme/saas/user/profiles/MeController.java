package com.acme.saas.user.profiles;

import com.acme.saas.common.security.CurrentUser;
import com.acme.saas.common.web.ApiResponse;
import com.acme.saas.user.profiles.ProfileRequests.Rename;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own profile. */
@RestController
@RequestMapping("/api/v1/users/me")
class MeController {

  private final ProfileService service;

  MeController(ProfileService service) {
    this.service = service;
  }

  @GetMapping
  ApiResponse<ProfileView> me(CurrentUser user) {
    return ApiResponse.of(service.me(user));
  }

  @PatchMapping
  ApiResponse<ProfileView> rename(CurrentUser user, @Valid @RequestBody Rename request) {
    return ApiResponse.of(service.rename(user, request.name()));
  }
}
