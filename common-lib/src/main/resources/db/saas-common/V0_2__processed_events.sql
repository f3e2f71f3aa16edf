-- Ids of the events this service has applied, inserted in the same transaction as the effect,
-- so a redelivered event is recognised and skipped.
create table processed_events (
    event_id     uuid        primary key,
    event_type   text        not null,
    processed_at timestamptz not null default now()
);
