package com.acme.saas.common.openapi;

import com.acme.saas.common.security.RequestPattern;
import com.acme.saas.common.web.ErrorCode;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;

/**
 * Completes springdoc's document with what every route of the suite shares: the error envelope with
 * the catalogue as its {@code code} enum, bearer security on the routes outside {@code
 * saas.security.public-paths}, and the errors each operation can answer (401/403 behind a token,
 * 400 where there is input, 404 where the path names a resource, 413 and 415 where there is a body,
 * 429, 500, 503 and 504 everywhere), each with an example of the envelope. Responses and security
 * an operation already declares (by annotation) are kept.
 */
public final class OpenApiConventions implements OpenApiCustomizer {

  public static final String BEARER = "bearer";
  public static final String ERROR_RESPONSE = "ErrorResponse";

  private static final String ERROR_REF = "#/components/schemas/" + ERROR_RESPONSE;

  private final String title;
  private final List<RequestPattern> publicRequests;

  public OpenApiConventions(String title, List<String> publicPaths) {
    this.title = title;
    this.publicRequests = publicPaths.stream().map(RequestPattern::parse).toList();
  }

  @Override
  public void customise(OpenAPI openApi) {
    openApi.info(
        (openApi.getInfo() == null ? new Info() : openApi.getInfo()).title(title).version("v1"));
    Components components =
        openApi.getComponents() == null ? new Components() : openApi.getComponents();
    openApi.components(components);
    components.addSecuritySchemes(
        BEARER,
        new SecurityScheme()
            .type(SecurityScheme.Type.HTTP)
            .scheme("bearer")
            .bearerFormat("JWT")
            .description("An access token from POST /api/v1/auth/login or /refresh"));
    components.addSchemas(ERROR_RESPONSE, errorResponseSchema());
    if (openApi.getPaths() == null) {
      return;
    }
    openApi
        .getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach(
                        (method, operation) ->
                            complete(path, HttpMethod.valueOf(method.name()), operation)));
  }

  private void complete(String path, HttpMethod method, Operation operation) {
    ApiResponses responses =
        operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
    operation.responses(responses);
    boolean isPublic = isPublic(method, path);
    if (!isPublic && (operation.getSecurity() == null || operation.getSecurity().isEmpty())) {
      operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
    if (operation.getRequestBody() != null
        || (operation.getParameters() != null && !operation.getParameters().isEmpty())) {
      error(
          responses,
          "400",
          ErrorCode.VALIDATION_ERROR,
          "The input is invalid (VALIDATION_ERROR, details name the fields); nothing changed");
    }
    if (!isPublic) {
      error(
          responses,
          "401",
          ErrorCode.TOKEN_EXPIRED,
          "The access token is missing, expired or invalid (TOKEN_MISSING, TOKEN_EXPIRED, TOKEN_INVALID)");
      error(
          responses,
          "403",
          ErrorCode.INSUFFICIENT_PERMISSIONS,
          "The caller's role may not do this (INSUFFICIENT_PERMISSIONS)");
    }
    if (path.contains("{")) {
      error(
          responses,
          "404",
          ErrorCode.RESOURCE_NOT_FOUND,
          "No such resource, or not the caller's (RESOURCE_NOT_FOUND)");
    }
    error(
        responses,
        "429",
        ErrorCode.RATE_LIMIT_EXCEEDED,
        "Too many requests (RATE_LIMIT_EXCEEDED); Retry-After says when to try again");
    error(responses, "500", ErrorCode.INTERNAL_ERROR, "An unexpected error (INTERNAL_ERROR)");
    error(
        responses,
        "503",
        ErrorCode.SERVICE_UNAVAILABLE,
        "A dependency is unavailable (SERVICE_UNAVAILABLE); Retry-After says when to try again");
    // The gateway's own answers, on any route it proxies.
    error(
        responses,
        "504",
        ErrorCode.GATEWAY_TIMEOUT,
        "The service did not answer in time (GATEWAY_TIMEOUT)");
    if (operation.getRequestBody() != null) {
      error(
          responses,
          "413",
          ErrorCode.PAYLOAD_TOO_LARGE,
          "The body is too large (PAYLOAD_TOO_LARGE); nothing changed");
      error(
          responses,
          "415",
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "The body is not application/json (UNSUPPORTED_MEDIA_TYPE); nothing changed");
    }
  }

  private boolean isPublic(HttpMethod method, String path) {
    PathContainer container = PathContainer.parsePath(path);
    return publicRequests.stream().anyMatch(pattern -> pattern.matches(method, container));
  }

  private static void error(
      ApiResponses responses, String status, ErrorCode example, String description) {
    if (!responses.containsKey(status)) {
      responses.addApiResponse(status, errorResponse(description, example));
    }
  }

  /**
   * Documents the errors a handler method names with {@link ErrorResponses}, one response per
   * status, before {@link #customise} adds the shared ones (which keep what is declared).
   */
  public static OperationCustomizer errorResponses() {
    return (operation, handler) -> {
      ErrorResponses declared = handler.getMethodAnnotation(ErrorResponses.class);
      if (declared != null) {
        ApiResponses responses =
            operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.responses(responses);
        Map<Integer, List<String>> codes = new TreeMap<>();
        for (ErrorCode code : declared.value()) {
          codes
              .computeIfAbsent(code.status().value(), status -> new ArrayList<>())
              .add(code.name());
        }
        codes.forEach(
            (status, names) ->
                responses.addApiResponse(
                    String.valueOf(status),
                    errorResponse(String.join(", ", names), ErrorCode.valueOf(names.getFirst()))));
      }
      return operation;
    };
  }

  /** A response with the error envelope as its body, and an example of it with {@code code}. */
  public static ApiResponse errorResponse(String description, ErrorCode code) {
    return new ApiResponse()
        .description(description)
        .content(
            new Content()
                .addMediaType(
                    "application/json",
                    new MediaType().schema(new Schema<>().$ref(ERROR_REF)).example(example(code))));
  }

  /** What a client sees, as {@code ErrorResponse} writes it. */
  static Map<String, Object> example(ErrorCode code) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code.name());
    if (code == ErrorCode.VALIDATION_ERROR) {
      error.put("message", "Request validation failed");
      error.put("details", List.of(Map.of("field", "title", "message", "must not be blank")));
    } else {
      error.put("message", exampleMessage(code));
    }
    error.put("requestId", "3f1c9a52-6c1e-4f0e-9b7a-2d8e5b0c4a17");
    return Map.of("error", error);
  }

  private static String exampleMessage(ErrorCode code) {
    return switch (code) {
      case TOKEN_EXPIRED -> "Token has expired";
      case INSUFFICIENT_PERMISSIONS -> "Your role may not use this resource";
      case RESOURCE_NOT_FOUND -> "Task 0b7e4f2a-9c1d-4e8b-a3f6-5d2c1b0a9e87 does not exist";
      case RATE_LIMIT_EXCEEDED -> "Too many requests, try again later";
      case INTERNAL_ERROR -> "An unexpected error occurred";
      case SERVICE_UNAVAILABLE -> "Service is unavailable, try again later";
      case GATEWAY_TIMEOUT -> "Service did not answer in time";
      case PAYLOAD_TOO_LARGE -> "Request body is too large";
      case UNSUPPORTED_MEDIA_TYPE -> "Content type must be application/json";
      default -> "Request failed";
    };
  }

  /**
   * {@code {"error": {"code", "message", "details"?, "requestId"}}}, {@code code} from {@link
   * ErrorCode}.
   */
  static Schema<?> errorResponseSchema() {
    StringSchema code = new StringSchema();
    code._enum(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
    ObjectSchema violation = new ObjectSchema();
    violation.addProperty("field", new StringSchema()).addProperty("message", new StringSchema());
    violation.required(List.of("field", "message"));
    Map<String, Schema> body = new LinkedHashMap<>();
    body.put("code", code.description("From the error catalogue"));
    body.put("message", new StringSchema());
    body.put(
        "details",
        new ArraySchema().items(violation).description("The fields a VALIDATION_ERROR refuses"));
    body.put("requestId", new StringSchema().description("The X-Request-Id of the request"));
    ObjectSchema error = new ObjectSchema();
    error.properties(body).required(List.of("code", "message"));
    ObjectSchema envelope = new ObjectSchema();
    envelope.addProperty("error", error).required(List.of("error"));
    return envelope.description("The error envelope");
  }
}
