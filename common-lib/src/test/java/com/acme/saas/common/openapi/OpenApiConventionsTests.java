package com.acme.saas.common.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.saas.common.web.ErrorCode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.web.method.HandlerMethod;

class OpenApiConventionsTests {

  private final OpenApiConventions conventions =
      new OpenApiConventions(
          "task-service", List.of("POST /api/v1/auth/login", "POST /api/v1/webhooks/stripe"));

  @Test
  void theErrorSchemaEnumeratesTheWholeCatalogue() {
    OpenAPI document = new OpenAPI().paths(new Paths());
    conventions.customise(document);

    Schema<?> envelope = document.getComponents().getSchemas().get("ErrorResponse");
    Schema<?> error = (Schema<?>) envelope.getProperties().get("error");
    Schema<?> code = (Schema<?>) error.getProperties().get("code");
    assertThat(code.getEnum())
        .isEqualTo(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
    assertThat(document.getComponents().getSecuritySchemes().get("bearer").getScheme())
        .isEqualTo("bearer");
  }

  @Test
  void aProtectedRouteWithAPathIdNeedsABearerTokenAndAnswersItsErrors() {
    Operation get =
        new Operation()
            .responses(
                new ApiResponses().addApiResponse("200", new ApiResponse().description("ok")))
            .addParametersItem(new PathParameter().name("id"));
    OpenAPI document =
        new OpenAPI().paths(new Paths().addPathItem("/api/v1/tasks/{id}", new PathItem().get(get)));

    conventions.customise(document);

    assertThat(get.getSecurity()).containsExactly(new SecurityRequirement().addList("bearer"));
    assertThat(get.getResponses().keySet())
        .containsExactlyInAnyOrder("200", "400", "401", "403", "404", "429", "500", "503", "504");
    assertThat(
            get.getResponses()
                .get("404")
                .getContent()
                .get("application/json")
                .getSchema()
                .get$ref())
        .isEqualTo("#/components/schemas/ErrorResponse");
    assertThat(get.getResponses().get("404").getContent().get("application/json").getExample())
        .asString()
        .contains("code=RESOURCE_NOT_FOUND", "requestId=");
    assertThat(get.getResponses().get("400").getContent().get("application/json").getExample())
        .asString()
        .contains("code=VALIDATION_ERROR", "field=title");
  }

  @Test
  void aRouteWithABodyAnswersTheGatewaysBodyErrors() {
    Operation create = new Operation().responses(new ApiResponses()).requestBody(new RequestBody());
    conventions.customise(
        new OpenAPI().paths(new Paths().addPathItem("/api/v1/tasks", new PathItem().post(create))));

    assertThat(create.getResponses().keySet())
        .containsExactlyInAnyOrder("400", "401", "403", "413", "415", "429", "500", "503", "504");
  }

  @Test
  void aPublicRouteHasNoBearerSecurityAndKeepsTheSecurityItDeclares() {
    Operation login = new Operation().responses(new ApiResponses());
    Operation webhook =
        new Operation()
            .responses(new ApiResponses())
            .addSecurityItem(new SecurityRequirement().addList("stripe-signature"));
    OpenAPI document =
        new OpenAPI()
            .paths(
                new Paths()
                    .addPathItem("/api/v1/auth/login", new PathItem().post(login))
                    .addPathItem("/api/v1/webhooks/stripe", new PathItem().post(webhook)));

    conventions.customise(document);

    assertThat(login.getSecurity()).isNull();
    assertThat(login.getResponses().keySet()).containsExactlyInAnyOrder("429", "500", "503", "504");
    assertThat(webhook.getSecurity())
        .containsExactly(new SecurityRequirement().addList("stripe-signature"));
  }

  @Test
  void errorsAHandlerDeclaresAreDocumentedByStatusAndKeptByTheConventions() throws Exception {
    Operation register = new Operation().responses(new ApiResponses());
    HandlerMethod handler =
        new HandlerMethod(new Handlers(), Handlers.class.getDeclaredMethod("register"));

    OpenApiConventions.errorResponses().customize(register, handler);
    conventions.customise(
        new OpenAPI()
            .paths(new Paths().addPathItem("/api/v1/auth/login", new PathItem().post(register))));

    assertThat(register.getResponses().keySet())
        .containsExactlyInAnyOrder("401", "409", "429", "500", "503", "504");
    assertThat(register.getResponses().get("409").getDescription())
        .isEqualTo("EMAIL_ALREADY_EXISTS, CONFLICT");
    assertThat(register.getResponses().get("401").getDescription())
        .isEqualTo("INVALID_CREDENTIALS");
    assertThat(
            register
                .getResponses()
                .get("409")
                .getContent()
                .get("application/json")
                .getSchema()
                .get$ref())
        .isEqualTo("#/components/schemas/ErrorResponse");
  }

  static class Handlers {
    @ErrorResponses({
      ErrorCode.EMAIL_ALREADY_EXISTS,
      ErrorCode.CONFLICT,
      ErrorCode.INVALID_CREDENTIALS
    })
    void register() {}
  }
}
