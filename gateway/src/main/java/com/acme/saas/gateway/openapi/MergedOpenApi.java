package com.acme.saas.gateway.openapi;

import com.acme.saas.gateway.openapi.OpenApiMerger.ServiceDocument;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The merged document, fetched from every service's {@code /v3/api-docs} and kept for {@code
 * cacheTtl}. A service that does not answer leaves its part out (the answer says which in {@code
 * info.x-missing-services}); such an incomplete document is kept only briefly, so the part comes
 * back as soon as the service does.
 */
final class MergedOpenApi {

  /** The merged document and the services whose part is missing from it. */
  record Merged(ObjectNode document, List<String> missing) {}

  private static final Logger log = LoggerFactory.getLogger(MergedOpenApi.class);
  private static final Duration INCOMPLETE_TTL = Duration.ofSeconds(2);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final WebClient client;
  private final Map<String, URI> services;
  private final Duration fetchTimeout;
  private final Mono<Merged> cached;

  MergedOpenApi(WebClient client, Map<String, URI> services, OpenApiProperties properties) {
    this.client = client;
    // By name, so that the merged document and the services it names come in one order.
    this.services = new TreeMap<>(services);
    this.fetchTimeout = properties.fetchTimeout();
    this.cached =
        Mono.defer(this::fetchAndMerge)
            .cache(
                merged -> merged.missing().isEmpty() ? properties.cacheTtl() : INCOMPLETE_TTL,
                error -> Duration.ZERO,
                () -> Duration.ZERO);
  }

  Mono<Merged> document() {
    return cached;
  }

  private Mono<Merged> fetchAndMerge() {
    return Flux.fromIterable(services.entrySet())
        .flatMapSequential(service -> fetch(service.getKey(), service.getValue()))
        .collectList()
        .map(
            parts -> {
              List<ServiceDocument> documents =
                  parts.stream().flatMap(part -> part.document().stream()).toList();
              List<String> missing =
                  parts.stream()
                      .filter(part -> part.document().isEmpty())
                      .map(Part::service)
                      .toList();
              return new Merged(OpenApiMerger.merge(documents, missing), missing);
            });
  }

  private record Part(String service, Optional<ServiceDocument> document) {}

  private Mono<Part> fetch(String service, URI base) {
    return client
        .get()
        .uri(base.resolve("/v3/api-docs"))
        .retrieve()
        .bodyToMono(String.class)
        .timeout(fetchTimeout)
        .map(
            body -> {
              JsonNode document = JSON.readTree(body);
              return new Part(service, Optional.of(new ServiceDocument(service, document)));
            })
        .onErrorResume(
            error -> {
              log.warn("openapi.service.missing service={} error={}", service, error.toString());
              return Mono.just(new Part(service, Optional.empty()));
            });
  }
}
