-- Feature flags. Evaluation never reads these tables: every replica holds them in memory
-- (evaluation.FlagSnapshot) and reloads on the notifications each change sends (see below).
create table flags (
    key                varchar(64)   primary key,
    description        varchar(500)  not null,
    enabled            boolean       not null,
    rollout_percentage smallint      not null check (rollout_percentage between 0 and 100),
    -- Empty means "no restriction" for roles and plans, "nobody listed" for user_ids.
    roles              text[]        not null default '{}',
    plans              text[]        not null default '{}',
    user_ids           uuid[]        not null default '{}',
    created_at         timestamptz   not null,
    updated_at         timestamptz   not null
);

-- GET /flags?q=... matches key or description with ILIKE, which no B-tree serves; the list is
-- ordered by key (flags_pkey). Erasure removes a user from every flag that lists it:
-- where user_ids @> array[:userId].
create index flags_user_ids_idx on flags using gin (user_ids);

-- One admin-set value per flag and user; deleting the flag deletes its overrides.
create table flag_overrides (
    flag_key   varchar(64)  not null references flags (key) on delete cascade,
    user_id    uuid         not null,
    value      boolean      not null,
    updated_at timestamptz  not null,
    primary key (flag_key, user_id)
);

-- Erasure of one user's overrides across all flags.
create index flag_overrides_user_idx on flag_overrides (user_id);

-- The effective plan of each user, from SubscriptionChanged. A user without a row is free.
create table user_plans (
    user_id    uuid         primary key,
    plan       varchar(32)  not null,
    updated_at timestamptz  not null
);

-- Every change an admin made, kept after the flag is deleted (so no foreign key to flags).
-- actor_id is text because erasure replaces an erased admin's id with a marker.
create table flag_audit (
    id         bigint       generated always as identity primary key,
    flag_key   varchar(64)  not null,
    at         timestamptz  not null,
    actor_id   text         not null,
    action     varchar(32)  not null,
    before     jsonb,
    after      jsonb,
    -- The user ids this entry names (actor, userIds, override user), so that erasure finds the
    -- entries to rewrite through flag_audit_mentions_idx instead of reading the whole trail.
    mentions   uuid[]       not null default '{}'
);

-- GET /flags/{key}/audit, newest first.
create index flag_audit_key_idx on flag_audit (flag_key, at desc, id desc);

-- Erasure: where mentions @> array[:userId].
create index flag_audit_mentions_idx on flag_audit using gin (mentions);
