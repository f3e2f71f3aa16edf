-- Whether the user proved its address to auth-service (EmailVerified); false until then.
alter table profiles add column email_verified boolean not null default false;

-- An EmailVerified for a user whose profile does not exist yet (it may overtake UserRegistered
-- after a redelivery or a consumer restart). The profile takes it when it is created, and the row
-- goes, as with pending_plans.
create table pending_verifications (
    user_id     uuid         primary key,
    received_at timestamptz  not null
);
