package com.acme.saas.common.inbox;

import com.acme.saas.common.events.DomainEvent;
import com.acme.saas.common.events.EventCodec;
import com.acme.saas.common.events.EventEnvelope;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Routes each record of the subscribed topics to the handler of its event type and applies it at
 * most once. Types nobody here handles, and versions newer than the handler knows, are logged and
 * skipped, as the contract asks; a record that cannot be read throws and is dead-lettered.
 */
public class InboxDispatcher implements MessageListener<String, String> {

  private static final Logger log = LoggerFactory.getLogger(InboxDispatcher.class);

  private final Map<String, EventHandler<?>> handlers;
  private final EventCodec codec;
  private final ProcessedEvents processedEvents;
  private final TransactionTemplate transactions;

  public InboxDispatcher(
      Collection<EventHandler<?>> handlers,
      EventCodec codec,
      ProcessedEvents processedEvents,
      TransactionTemplate transactions) {
    this.handlers =
        handlers.stream().collect(Collectors.toUnmodifiableMap(h -> routingKey(h.eventType().topic(), h.eventType().name()), Function.identity()));
    this.codec = codec;
    this.processedEvents = processedEvents;
    this.transactions = transactions;
  }

  public Set<String> topics() {
    return handlers.values().stream().map(h -> h.eventType().topic()).collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public void onMessage(ConsumerRecord<String, String> record) {
    EventEnvelope envelope = codec.read(record.value());
    EventHandler<?> handler = handlers.get(routingKey(record.topic(), envelope.type()));
    if (handler == null) {
      log.debug("event.skipped reason=unhandled_type type={} eventId={}", envelope.type(), envelope.eventId());
      return;
    }
    if (envelope.version() > handler.eventType().version()) {
      log.warn(
          "event.skipped reason=newer_version type={} version={} known={} eventId={}",
          envelope.type(),
          envelope.version(),
          handler.eventType().version(),
          envelope.eventId());
      return;
    }
    apply(handler, envelope);
  }

  private <P extends DomainEvent> void apply(EventHandler<P> handler, EventEnvelope envelope) {
    P event = codec.payload(envelope, handler.eventType());
    transactions.executeWithoutResult(
        status -> {
          if (processedEvents.markProcessed(envelope.eventId(), envelope.type())) {
            handler.handle(event, envelope);
          } else {
            log.debug("event.duplicate type={} eventId={}", envelope.type(), envelope.eventId());
          }
        });
  }

  private static String routingKey(String topic, String type) {
    return topic + "/" + type;
  }
}
