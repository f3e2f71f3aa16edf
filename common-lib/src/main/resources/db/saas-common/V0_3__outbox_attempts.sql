-- A row that fails to publish keeps its failures: the relay counts the attempts, keeps the last
-- error and retries it after a backoff (next_attempt_at). Until it is sent, the later rows of its
-- key wait behind it (one key's events stay in order); other keys go on.
alter table outbox
    add column attempts        integer     not null default 0,
    add column last_error      text,         -- the broker's or the producer's error, never the payload
    add column last_attempt_at timestamptz,
    add column next_attempt_at timestamptz;  -- set by a failed attempt: not retried before then

-- Serves the relay's "keys waiting out a backoff" probe; holds only unsent rows that have failed.
create index outbox_retry_idx on outbox (message_key, id) where sent_at is null and next_attempt_at is not null;
