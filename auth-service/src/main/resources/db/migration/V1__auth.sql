-- Credentials. id is the user id every other service keys on.
create table accounts (
    id               uuid         primary key,
    -- as the user typed it (trimmed); shown back in tokens and responses
    email            text         not null,
    -- lower-cased: what uniqueness and login lookups compare
    email_normalized text         not null,
    name             text         not null,
    role             varchar(16)  not null check (role in ('USER', 'ADMIN')),
    -- Argon2id in PHC string form: it carries its own parameters, so raising them re-hashes on
    -- the next successful login
    password_hash    text         not null,
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null
);

-- Registration's uniqueness rule and the login lookup.
create unique index accounts_email_idx on accounts (email_normalized);

-- Failed-login throttling per normalised email, whether or not an account has that email, so a
-- lockout tells an attacker nothing about which emails are registered.
create table login_failures (
    email_normalized text         primary key,
    -- failures since window_started_at
    failures         integer      not null,
    window_started_at timestamptz not null,
    -- how many times this email was locked; each lock lasts twice as long as the one before
    locks            integer      not null default 0,
    locked_until     timestamptz,
    updated_at       timestamptz  not null
);

-- The purge job drops rows nobody has failed on for a while.
create index login_failures_updated_idx on login_failures (updated_at);

-- Opaque refresh tokens, stored only as their SHA-256. A token is used once: refreshing marks it
-- used and issues the next one in the same family; presenting a used token again revokes the
-- family.
create table refresh_tokens (
    token_hash        bytea        primary key,
    family_id         uuid         not null,
    user_id           uuid         not null,
    expires_at        timestamptz  not null,
    -- the absolute end of the family, however often it is refreshed
    family_expires_at timestamptz  not null,
    used_at           timestamptz,
    revoked_at        timestamptz,
    created_at        timestamptz  not null
);

-- Reuse detection and logout revoke a family.
create index refresh_tokens_family_idx on refresh_tokens (family_id);
-- logout-all, role changes and user deletion revoke or delete every token of a user.
create index refresh_tokens_user_idx on refresh_tokens (user_id);
-- The purge job deletes expired tokens.
create index refresh_tokens_expires_idx on refresh_tokens (expires_at);

-- RS256 signing keys. The newest key whose activates_at has passed signs; every key that has not
-- expired is published in the JWKS, including one that will sign soon, so verifiers know it
-- before they meet it.
create table signing_keys (
    kid          text         primary key,
    -- the public JWK as JSON
    public_jwk   text         not null,
    -- PKCS#8 private key sealed with AES-256-GCM under the key-encryption key: nonce || ciphertext
    private_key  bytea        not null,
    created_at   timestamptz  not null,
    activates_at timestamptz  not null,
    -- set when a newer key takes over: the last token this key signed expires by then
    expires_at   timestamptz
);

-- Only one rotation may be pending (activating in the future) at a time; enforced in code under
-- an advisory lock. This index serves "the newest active key" and "the pending key".
create index signing_keys_activates_idx on signing_keys (activates_at);
