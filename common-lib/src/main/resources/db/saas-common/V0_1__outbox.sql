-- Events written in the same transaction as the change that caused them; the relay publishes
-- pending rows to Kafka in id order and stamps sent_at.
create table outbox (
    id          bigserial   primary key,
    event_id    uuid        not null unique,
    topic       text        not null,
    message_key text        not null,
    event_type  text        not null,
    payload     jsonb       not null, -- the whole event envelope, as published
    traceparent text,                 -- W3C trace context of the request that wrote it
    created_at  timestamptz not null default now(),
    sent_at     timestamptz
);

-- Serves the relay's "pending rows in id order" scan; stays small because sent rows leave it.
create index outbox_pending_idx on outbox (id) where sent_at is null;
-- Serves the purge of sent rows past retention.
create index outbox_sent_at_idx on outbox (sent_at) where sent_at is not null;
