-- Each user's Stripe customer, created once (POST /billing/checkout-session) and reused. The
-- unique customer_id maps a webhook that names only the customer (Dashboard-made subscriptions
-- carry no metadata) back to its user.
create table customers (
    user_id     uuid          primary key,
    customer_id varchar(255)  not null unique,
    created_at  timestamptz   not null
);

-- Local state of every Stripe subscription we were told about, as of the newest event applied.
-- user_id is null while a subscription cannot be mapped to a user yet (no metadata, unknown
-- customer); checkout.session.completed fills it in.
create table subscriptions (
    subscription_id      varchar(255)  primary key,
    user_id              uuid,
    customer_id          varchar(255),
    plan                 varchar(32)   not null,
    status               varchar(32)   not null,
    current_period_end   timestamptz,
    cancel_at_period_end boolean       not null default false,
    cancel_at            timestamptz,
    -- event.created of the newest event applied: an event strictly older changes nothing.
    last_event_at        timestamptz   not null,
    updated_at           timestamptz   not null
);

-- GET /billing/subscription and the plan of SubscriptionChanged: one user's subscriptions.
create index subscriptions_user_idx on subscriptions (user_id);

-- customer.deleted: the subscriptions of one customer.
create index subscriptions_customer_idx on subscriptions (customer_id);

-- Stripe event ids already applied, written in the same transaction as their effect, so a
-- redelivered event (also two deliveries at once) is applied exactly once.
create table webhook_events (
    event_id    varchar(255)  primary key,
    type        varchar(255)  not null,
    api_version varchar(64),
    received_at timestamptz   not null
);

-- The purge of old event ids.
create index webhook_events_received_idx on webhook_events (received_at);

-- Users erased after UserDeleted, and their former customer: a late webhook about them changes
-- nothing. Only the two ids are kept.
create table erased_users (
    user_id     uuid          primary key,
    customer_id varchar(255),
    erased_at   timestamptz   not null
);

create index erased_users_customer_idx on erased_users (customer_id);

-- What must still be undone at Stripe for an erased user: its live subscriptions cancelled, then
-- the customer deleted. Written in the erasure's transaction and retried with backoff until
-- Stripe answers, however long an outage lasts; a row is deleted only once Stripe confirmed.
create table stripe_cleanups (
    user_id          uuid          primary key,
    customer_id      varchar(255),
    subscription_ids text[]        not null,
    attempts         integer       not null default 0,
    next_attempt_at  timestamptz   not null,
    last_error       text,
    created_at       timestamptz   not null
);

-- The cleanup job's poll: rows that are due.
create index stripe_cleanups_due_idx on stripe_cleanups (next_attempt_at);
