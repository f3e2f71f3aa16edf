package com.acme.saas.billing.customers;

import com.acme.saas.billing.stripe.StripeApi;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The user ↔ Stripe customer mapping. A user gets one customer, ever: the row is unique per user
 * and per customer, and Stripe's own idempotency key (see {@link StripeApi#createCustomer}) makes
 * two racing first checkouts receive the same customer.
 */
@Service
public class StripeCustomers {

  private final JdbcClient jdbc;
  private final StripeApi stripe;

  StripeCustomers(JdbcClient jdbc, StripeApi stripe) {
    this.jdbc = jdbc;
    this.stripe = stripe;
  }

  public Optional<String> customerOf(UUID userId) {
    return jdbc.sql("select customer_id from customers where user_id = :userId")
        .param("userId", userId)
        .query(String.class)
        .optional();
  }

  public Optional<UUID> userOf(String customerId) {
    return jdbc.sql("select user_id from customers where customer_id = :customerId")
        .param("customerId", customerId)
        .query(UUID.class)
        .optional();
  }

  /** The user's customer, created at Stripe on the first call. */
  public String ensureCustomer(UUID userId, String email) {
    Optional<String> existing = customerOf(userId);
    if (existing.isPresent()) {
      return existing.get();
    }
    link(userId, stripe.createCustomer(userId, email));
    // A concurrent first checkout may have linked first; both got the same customer from Stripe.
    return customerOf(userId).orElseThrow();
  }

  /** Records a customer Stripe told us about (checkout.session.completed); the first link wins. */
  public void link(UUID userId, String customerId) {
    jdbc.sql(
            "insert into customers (user_id, customer_id, created_at) values (:userId, :customerId, now()) on conflict do nothing")
        .param("userId", userId)
        .param("customerId", customerId)
        .update();
  }

  /** Forgets the customer Stripe deleted (customer.deleted); a later checkout makes a new one. */
  public void unlink(String customerId) {
    jdbc.sql("delete from customers where customer_id = :customerId")
        .param("customerId", customerId)
        .update();
  }

  /** Erasure: forgets the user's customer and returns it. */
  public Optional<String> forget(UUID userId) {
    return jdbc.sql("delete from customers where user_id = :userId returning customer_id")
        .param("userId", userId)
        .query(String.class)
        .optional();
  }
}
