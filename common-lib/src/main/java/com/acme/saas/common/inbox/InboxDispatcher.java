package com.acme.saas.common.inbox;

import com.acme.saas.common.events.DomainEvent;
import com.acme.saas.common.events.EventCodec;
import com.acme.saas.common.events.EventEnvelope;
import com.acme.saas.common.events.EventType;
import com.acme.saas.common.events.EventTypes;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.ResolvableType;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Routes each record of the subscribed topics to the handler of its event type and applies it at
 * most once. Types nobody here handles, and versions newer than the handler knows, are logged and
 * skipped, as the contract asks; a record that cannot be read throws and is dead-lettered.
 */
public class InboxDispatcher implements MessageListener<String, String> {

  private static final Logger log = LoggerFactory.getLogger(InboxDispatcher.class);

  private final Map<String, Subscription<?>> subscriptions;
  private final EventCodec codec;
  private final ProcessedEvents processedEvents;
  private final TransactionTemplate transactions;

  public InboxDispatcher(
      Collection<EventHandler<?>> handlers,
      EventCodec codec,
      ProcessedEvents processedEvents,
      TransactionTemplate transactions) {
    this.subscriptions =
        handlers.stream()
            .map(InboxDispatcher::subscription)
            .collect(
                Collectors.toUnmodifiableMap(
                    s -> routingKey(s.type().topic(), s.type().name()), Function.identity()));
    this.codec = codec;
    this.processedEvents = processedEvents;
    this.transactions = transactions;
  }

  public Set<String> topics() {
    return subscriptions.values().stream()
        .map(s -> s.type().topic())
        .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public void onMessage(ConsumerRecord<String, String> record) {
    EventEnvelope envelope = codec.read(record.value());
    Subscription<?> subscription = subscriptions.get(routingKey(record.topic(), envelope.type()));
    if (subscription == null) {
      log.debug(
          "event.skipped reason=unhandled_type type={} eventId={}",
          envelope.type(),
          envelope.eventId());
      return;
    }
    if (envelope.version() > subscription.type().version()) {
      log.warn(
          "event.skipped reason=newer_version type={} version={} known={} eventId={}",
          envelope.type(),
          envelope.version(),
          subscription.type().version(),
          envelope.eventId());
      return;
    }
    apply(subscription, envelope);
  }

  private <P extends DomainEvent> void apply(Subscription<P> subscription, EventEnvelope envelope) {
    P event = codec.payload(envelope, subscription.type());
    EventHandler<P> handler = subscription.handler();
    transactions.executeWithoutResult(
        status -> {
          if (processedEvents.markProcessed(envelope.eventId(), envelope.type())) {
            handler.handle(event, envelope);
          } else {
            log.debug("event.duplicate type={} eventId={}", envelope.type(), envelope.eventId());
          }
        });
  }

  /**
   * A handler and the event type its type argument names ({@code implements
   * EventHandler<UserDeleted>}).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Subscription<?> subscription(EventHandler<?> handler) {
    Class<?> payload =
        ResolvableType.forClass(EventHandler.class, AopUtils.getTargetClass(handler))
            .getGeneric(0)
            .resolve();
    if (payload == null || !DomainEvent.class.isAssignableFrom(payload)) {
      throw new IllegalStateException(
          AopUtils.getTargetClass(handler).getName()
              + " must name the event it handles: implements EventHandler<UserDeleted>, say");
    }
    return new Subscription(EventTypes.of((Class) payload), handler);
  }

  private record Subscription<P extends DomainEvent>(EventType<P> type, EventHandler<P> handler) {}

  private static String routingKey(String topic, String type) {
    return topic + "/" + type;
  }
}
