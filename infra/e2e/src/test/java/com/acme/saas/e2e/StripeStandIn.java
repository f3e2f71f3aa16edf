package com.acme.saas.e2e;

import com.acme.saas.testsupport.HttpApi;
import tools.jackson.databind.JsonNode;

/**
 * The local stack's Stripe stand-in (infra/dev/up runs it without STRIPE_API_KEY): what
 * billing-service asked of Stripe.
 */
final class StripeStandIn {

  private static final HttpApi ADMIN =
      new HttpApi("http://127.0.0.1:" + Suite.setting("STRIPE_STUB_PORT", "12111"));

  private StripeStandIn() {}

  static boolean received(String method, String url) {
    for (JsonNode request :
        ADMIN.get("/__admin/requests?limit=1000", null).json().path("requests")) {
      if (method.equals(request.path("request").path("method").asString())
          && url.equals(request.path("request").path("url").asString())) {
        return true;
      }
    }
    return false;
  }
}
