-- A plan billing-service reported for a user whose profile does not exist yet (SubscriptionChanged
-- and UserRegistered travel on different topics, so either may come first). The profile takes it
-- when it is created, and the row goes.
create table pending_plans (
    user_id     uuid         primary key,
    plan        varchar(32)  not null,
    received_at timestamptz  not null
);
