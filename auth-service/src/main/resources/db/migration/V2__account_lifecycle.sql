-- When the account proved its address (a verification link was used); null until then.
alter table accounts add column email_verified_at timestamptz;

-- One-time tokens mailed to an account's address: email verification and password reset. Like
-- refresh tokens they are stored only as their SHA-256; used_at marks one used up (or killed by
-- a newer reset), so the rows also count how many were issued recently.
create table account_tokens (
    token_hash bytea        primary key,
    user_id    uuid         not null,
    purpose    varchar(32)  not null check (purpose in ('EMAIL_VERIFICATION', 'PASSWORD_RESET')),
    expires_at timestamptz  not null,
    used_at    timestamptz,
    created_at timestamptz  not null
);

-- Killing a user's other tokens of a purpose, counting those issued lately (the per-user limits),
-- erasing a deleted user's tokens.
create index account_tokens_user_idx on account_tokens (user_id, purpose, created_at);
-- The purge job deletes expired tokens.
create index account_tokens_expires_idx on account_tokens (expires_at);

-- Password-reset requests as they arrive, known address or not: answering costs the same insert
-- either way, and the worker that takes them issues a token and queues its mail (for a known
-- address under its limit) in one transaction, then deletes the request.
create table password_reset_requests (
    id               bigint       generated always as identity primary key,
    email_normalized text         not null,
    requested_at     timestamptz  not null
);

-- The durable mail queue: a row is written in the transaction of the change that needs the mail
-- and deleted only once the SMTP server has accepted it. Failures stay with their error and are
-- tried again after a doubling delay.
create table mail_queue (
    id              uuid         primary key,
    recipient       text         not null,
    -- the template under classpath:mail/ (<template>.subject.txt, .txt, .html)
    template        varchar(64)  not null,
    -- the template's variables as a JSON object of strings
    variables       text         not null,
    attempts        integer      not null default 0,
    next_attempt_at timestamptz  not null,
    last_error      text,
    created_at      timestamptz  not null
);

-- The relay's poll: rows that are due.
create index mail_queue_due_idx on mail_queue (next_attempt_at);
