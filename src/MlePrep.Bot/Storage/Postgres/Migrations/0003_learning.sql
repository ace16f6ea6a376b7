-- Self-grades (every one kept: the history) and one review card per member and question.

CREATE TABLE learning_grades (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id       bigint NOT NULL,
    question_id   text NOT NULL,
    grade         smallint NOT NULL,
    covered       integer NOT NULL,
    rubric_points integer NOT NULL,
    graded_at     timestamptz NOT NULL
);
CREATE INDEX learning_grades_user ON learning_grades (user_id);

-- The card a grade advances; the key serialises concurrent grades of one question, whichever process records them.
CREATE TABLE learning_cards (
    user_id       bigint NOT NULL,
    question_id   text NOT NULL,
    last_grade    smallint NOT NULL,
    repetitions   integer NOT NULL,
    easiness      double precision NOT NULL,
    interval_days integer NOT NULL,
    reviews       integer NOT NULL,
    graded_at     timestamptz NOT NULL,
    due_at        timestamptz NOT NULL,
    PRIMARY KEY (user_id, question_id)
);
