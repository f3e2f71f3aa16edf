package com.acme.saas.common.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 415 UNSUPPORTED_MEDIA_TYPE for a {@code Content-Type} that names no concrete type ({@code
 * *}{@code /*}, {@code application/*}) or does not parse. Spring MVC reads such a header with an
 * assertion that fails as an IllegalArgumentException, which would be a 500.
 */
public final class ContentTypeFilter extends OncePerRequestFilter {

  private final ErrorResponseWriter errors;

  public ContentTypeFilter(ErrorResponseWriter errors) {
    this.errors = errors;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String contentType = request.getContentType();
    if (contentType != null && !concrete(contentType)) {
      errors.write(
          request,
          response,
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "Content-Type must name a concrete media type");
      return;
    }
    chain.doFilter(request, response);
  }

  private static boolean concrete(String contentType) {
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      return !type.isWildcardType() && !type.isWildcardSubtype();
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }
}
