-- Mock interviews: one row per session, its questions as a JSON array in order. While a session runs (status 0) it is
-- the member's only running one: the partial unique index refuses a second, whichever process starts it.
CREATE TABLE mock_sessions (
    id          text PRIMARY KEY,
    guild_id    bigint NOT NULL,
    user_id     bigint NOT NULL,
    channel_id  bigint NOT NULL,
    thread_id   bigint,
    track       text NOT NULL,
    minutes     integer NOT NULL,
    started_at  timestamptz NOT NULL,
    status      smallint NOT NULL,
    current_index integer NOT NULL,
    deadline_at timestamptz NOT NULL,
    items       jsonb NOT NULL,
    ended_at    timestamptz
);
CREATE UNIQUE INDEX mock_sessions_one_running ON mock_sessions (user_id) WHERE status = 0;
CREATE INDEX mock_sessions_user ON mock_sessions (user_id);
