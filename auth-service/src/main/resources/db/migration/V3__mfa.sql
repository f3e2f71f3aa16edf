-- TOTP second factor (RFC 6238), one per account. A row without enabled_at is an enrolment that
-- waits for its first code; login asks for a code only once enabled_at is set. Deleting the
-- account (UserDeleted) deletes its rows through the foreign keys.
create table totp_credentials (
    user_id        uuid         primary key references accounts (id) on delete cascade,
    -- the 160-bit secret sealed with AES-256-GCM under the key-encryption key, the user id as
    -- associated data: nonce || ciphertext
    secret         bytea        not null,
    enabled_at     timestamptz,
    -- the time step of the last code accepted: that step and earlier ones are refused (no replay)
    last_used_step bigint,
    created_at     timestamptz  not null
);

-- Single-use recovery codes, shown once at confirmation, stored only as SHA-256.
create table totp_recovery_codes (
    user_id    uuid         not null references totp_credentials (user_id) on delete cascade,
    code_hash  bytea        not null,
    used_at    timestamptz,
    -- also serves "this user's unused code with this hash" at login and disabling
    primary key (user_id, code_hash)
);

-- The second step of a login: issued after the right password of an account with TOTP on, stored
-- only as SHA-256, used once, dead after expires_at or too many wrong codes.
create table login_challenges (
    challenge_hash bytea        primary key,
    user_id        uuid         not null references accounts (id) on delete cascade,
    failures       integer      not null default 0,
    expires_at     timestamptz  not null,
    created_at     timestamptz  not null
);

-- Serves the cascade from accounts (deletion).
create index login_challenges_user_idx on login_challenges (user_id);
-- The purge job deletes expired challenges.
create index login_challenges_expires_idx on login_challenges (expires_at);
