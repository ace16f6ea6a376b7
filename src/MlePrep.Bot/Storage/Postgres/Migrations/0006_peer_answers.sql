-- Shared daily answers, votes and reveals. The primary keys are the idempotency: one share per member and occurrence,
-- one vote per voter and answer, one reveal per occurrence, whichever process writes. A share points at the stored
-- answer (answers.id); the text is not copied.
CREATE TABLE peer_shares (
    occurrence_id text NOT NULL,
    user_id       bigint NOT NULL,
    guild_id      bigint NOT NULL,
    channel_id    bigint NOT NULL,
    answer_id     text NOT NULL,
    shared_at     timestamptz NOT NULL,
    message_id    bigint,
    revealed_at   timestamptz,
    hidden_by     bigint,
    hidden_at     timestamptz,
    PRIMARY KEY (occurrence_id, user_id)
);
CREATE INDEX peer_shares_user ON peer_shares (user_id);
CREATE INDEX peer_shares_pending ON peer_shares (channel_id) WHERE message_id IS NULL;

CREATE TABLE peer_votes (
    occurrence_id text NOT NULL,
    author_id     bigint NOT NULL,
    voter_id      bigint NOT NULL,
    guild_id      bigint NOT NULL,
    channel_id    bigint NOT NULL,
    voted_at      timestamptz NOT NULL,
    PRIMARY KEY (occurrence_id, author_id, voter_id)
);
CREATE INDEX peer_votes_channel ON peer_votes (channel_id, voted_at);
CREATE INDEX peer_votes_voter ON peer_votes (voter_id);
CREATE INDEX peer_votes_author ON peer_votes (author_id);

CREATE TABLE peer_reveals (
    occurrence_id text PRIMARY KEY,
    guild_id      bigint NOT NULL,
    channel_id    bigint NOT NULL,
    claimed_at    timestamptz NOT NULL,
    place_id      bigint,
    completed_at  timestamptz,
    closed_at     timestamptz,
    top_user_id   bigint
);
CREATE INDEX peer_reveals_open ON peer_reveals (channel_id) WHERE completed_at IS NULL OR closed_at IS NULL;
