-- The bot's own tables. Discord ids (snowflakes) are below 2^63, so they are stored as bigint.

CREATE TABLE daily_schedules (
    channel_id           bigint PRIMARY KEY,
    guild_id             bigint NOT NULL,
    hour                 integer NOT NULL,
    minute               integer NOT NULL,
    time_zone_id         text NOT NULL,
    days                 integer NOT NULL,
    category             text,
    ping_role_id         bigint,
    open_thread          boolean NOT NULL,
    paused               boolean NOT NULL,
    paused_reason        text,
    consecutive_failures integer NOT NULL,
    set_by               bigint NOT NULL,
    set_at               timestamptz NOT NULL,
    rotation             text[] NOT NULL,
    rotation_index       integer NOT NULL
);
CREATE INDEX daily_schedules_guild ON daily_schedules (guild_id);

-- The occurrence ledger: one row per channel and local date, whatever process writes it.
CREATE TABLE daily_occurrences (
    id              text PRIMARY KEY,
    channel_id      bigint NOT NULL,
    guild_id        bigint NOT NULL,
    local_date      text NOT NULL,
    due_at          timestamptz NOT NULL,
    status          smallint NOT NULL,
    posted_at       timestamptz,
    message_id      bigint,
    question_id     text,
    thread_id       bigint,
    late            boolean NOT NULL,
    reason          text,
    attempts        integer NOT NULL,
    last_attempt_at timestamptz,
    transient       boolean NOT NULL,
    retry_at        timestamptz,
    CONSTRAINT daily_occurrences_one_per_date UNIQUE (channel_id, local_date)
);
CREATE INDEX daily_occurrences_channel_due ON daily_occurrences (channel_id, due_at);

-- One answer per member and occurrence (per member and question outside dailies): id is Answer.Key.
CREATE TABLE answers (
    id                text PRIMARY KEY,
    guild_id          bigint NOT NULL,
    user_id           bigint NOT NULL,
    channel_id        bigint NOT NULL,
    question_id       text NOT NULL,
    occurrence_id     text,
    text              text NOT NULL,
    hints_revealed    integer NOT NULL,
    first_answered_at timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    revisions         integer NOT NULL,
    CONSTRAINT answers_one_per_occurrence UNIQUE (guild_id, user_id, occurrence_id)
);
CREATE INDEX answers_user ON answers (user_id);
CREATE INDEX answers_occurrence ON answers (occurrence_id);
CREATE INDEX answers_daily_channel ON answers (channel_id, user_id) WHERE occurrence_id IS NOT NULL;

-- Versions that derived caches (boards, the posted ledger) compare to know they are stale, in every process. Bumped
-- in the statement or transaction of the write they describe, so a reader that sees a new version sees its data.
CREATE TABLE ledger_version (
    id    boolean PRIMARY KEY DEFAULT true CHECK (id),
    value bigint NOT NULL
);
INSERT INTO ledger_version (value) VALUES (0);

CREATE TABLE ranking_versions (
    channel_id bigint PRIMARY KEY,
    value      bigint NOT NULL
);

CREATE TABLE hint_reveals (
    guild_id          bigint NOT NULL,
    user_id           bigint NOT NULL,
    question_id       text NOT NULL,
    rungs             integer NOT NULL,
    first_revealed_at timestamptz NOT NULL,
    last_revealed_at  timestamptz NOT NULL,
    PRIMARY KEY (guild_id, user_id, question_id)
);
CREATE INDEX hint_reveals_user ON hint_reveals (user_id);

CREATE TABLE channel_history (
    channel_id  bigint NOT NULL,
    question_id text NOT NULL,
    shown_at    timestamptz NOT NULL,
    PRIMARY KEY (channel_id, question_id)
);
