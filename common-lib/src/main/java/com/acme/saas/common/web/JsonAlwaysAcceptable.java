package com.acme.saas.common.web;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.NativeWebRequest;

/**
 * The API speaks JSON only, so JSON is always acceptable: it is added, last, to whatever the
 * client's {@code Accept} names, and an {@code Accept} that cannot be parsed counts as JSON. A
 * request for {@code text/html} or {@code application/xml} gets its JSON answer instead of an empty
 * 406; a route that produces another type still answers it to a client that asks for it.
 */
final class JsonAlwaysAcceptable implements ContentNegotiationStrategy {

  private final HeaderContentNegotiationStrategy header = new HeaderContentNegotiationStrategy();

  @Override
  public List<MediaType> resolveMediaTypes(NativeWebRequest request) {
    List<MediaType> accepted;
    try {
      accepted = header.resolveMediaTypes(request);
    } catch (HttpMediaTypeNotAcceptableException unparseable) {
      return List.of(MediaType.APPLICATION_JSON);
    }
    if (accepted.stream().anyMatch(type -> type.isCompatibleWith(MediaType.APPLICATION_JSON))) {
      return accepted;
    }
    List<MediaType> withJson = new ArrayList<>(accepted);
    withJson.add(MediaType.APPLICATION_JSON);
    return withJson;
  }
}
