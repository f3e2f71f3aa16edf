package com.acme.saas.billing;

import com.acme.saas.testsupport.HttpApi;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stripe's side of a webhook delivery: events built from Stripe's own objects (the stand-in's
 * {@code objects/}) with fresh ids, signed the way Stripe signs them, and posted as exact bytes.
 */
public final class StripeWebhooks {

  public static final String PATH = "/api/v1/webhooks/stripe";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpApi http;

  public StripeWebhooks(int port) {
    this.http = HttpApi.local(port);
  }

  /** A subscription of the user on the given price, with a 30-day item period from now. */
  public static ObjectNode subscription(
      String subscriptionId,
      String customerId,
      @Nullable UUID userId,
      String priceId,
      String status) {
    ObjectNode subscription = object("subscription.json");
    subscription.put("id", subscriptionId);
    subscription.put("customer", customerId);
    subscription.put("status", status);
    ObjectNode metadata = subscription.putObject("metadata");
    if (userId != null) {
      metadata.put("userId", userId.toString());
    }
    ObjectNode item = (ObjectNode) subscription.path("items").path("data").path(0);
    item.put("subscription", subscriptionId);
    ((ObjectNode) item.path("price")).put("id", priceId);
    long now = Instant.now().getEpochSecond();
    item.put("current_period_start", now);
    item.put("current_period_end", now + 30L * 24 * 3600);
    return subscription;
  }

  public static ObjectNode checkoutSession(
      String customerId, @Nullable String subscriptionId, UUID userId) {
    ObjectNode session = object("checkout.session.json");
    session.put("id", "cs_test_" + randomId());
    session.put("customer", customerId);
    session.put("client_reference_id", userId.toString());
    if (subscriptionId == null) {
      session.putNull("subscription");
    } else {
      session.put("subscription", subscriptionId);
    }
    return session;
  }

  public static ObjectNode invoice(String file, String subscriptionId) {
    ObjectNode invoice = object(file);
    invoice.put("id", "in_" + randomId());
    ((ObjectNode) invoice.path("parent").path("subscription_details"))
        .put("subscription", subscriptionId);
    return invoice;
  }

  public static ObjectNode customer(String customerId) {
    ObjectNode customer = object("customer.json");
    customer.put("id", customerId);
    return customer;
  }

  /** An event envelope around {@code object}, created at {@code created}, with a fresh id. */
  public static String event(String type, ObjectNode object, Instant created) {
    ObjectNode event = object("event.json");
    event.put("id", "evt_" + randomId());
    event.put("type", type);
    event.put("created", created.getEpochSecond());
    ((ObjectNode) event.path("data")).set("object", object);
    return JSON.writeValueAsString(event);
  }

  public static String idOf(String event) {
    return JSON.readTree(event).path("id").asString();
  }

  public static String newId(String prefix) {
    return prefix + randomId();
  }

  /** Delivers {@code body} signed now with the current secret. */
  public HttpApi.Response deliver(String body) {
    return deliver(body, signature(body, StripeStandIn.WEBHOOK_SECRET, Instant.now()));
  }

  public HttpApi.Response deliver(String body, @Nullable String signatureHeader) {
    HttpApi.Call call =
        http.call("POST", PATH)
            .body(body.getBytes(StandardCharsets.UTF_8), "application/json; charset=utf-8");
    if (signatureHeader != null) {
      call.header("Stripe-Signature", signatureHeader);
    }
    return call.send();
  }

  /** {@code t=<unix>,v1=<HMAC-SHA256 of "<t>.<body>" keyed with the whole whsec_ secret>}. */
  public static String signature(String body, String secret, Instant at) {
    long t = at.getEpochSecond();
    return "t=" + t + ",v1=" + hmac(secret, t + "." + body);
  }

  public static String hmac(String secret, String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode object(String file) {
    try (InputStream in = StripeWebhooks.class.getResourceAsStream("/stripe/objects/" + file)) {
      if (in == null) {
        throw new IllegalStateException(
            "stripe/objects/" + file + " is not on the test classpath (infra/dev/stripe/objects)");
      }
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String randomId() {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < 24; i++) {
      id.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
    }
    return id.toString();
  }
}
