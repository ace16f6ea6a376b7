-- Each member's streak state per daily channel, kept up to date on each answer so boards read it instead of deriving
-- every member's streak from the answers (MemberStreak). Derived data: `streaks repair` rebuilds it from the answers.
CREATE TABLE streak_state (
    channel_id         bigint NOT NULL,
    user_id            bigint NOT NULL,
    last_occurrence_id text NOT NULL,
    last_index         integer NOT NULL,
    current_streak     integer NOT NULL,
    best_streak        integer NOT NULL,
    freezes_held       integer NOT NULL,
    freezes_used       integer NOT NULL,
    answered           integer NOT NULL,
    current_reached_at timestamptz NOT NULL,
    best_reached_at    timestamptz NOT NULL,
    PRIMARY KEY (channel_id, user_id)
);
CREATE INDEX streak_state_user ON streak_state (user_id);
