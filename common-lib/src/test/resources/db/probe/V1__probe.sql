-- What the probe's UserDeleted handler erased, one row per application of the event.
create table probe_erasures (
    user_id    uuid        not null,
    erased_at  timestamptz not null default now()
);
