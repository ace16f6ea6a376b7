using MlePrep.Bot.Interactions;
using MlePrep.Bot.Learning;
using Npgsql;
using static MlePrep.Bot.Storage.Postgres.PgCommands;

namespace MlePrep.Bot.Storage.Postgres;

/// <summary>
/// The PostgreSQL adapter of <see cref="ILearningStore"/>: a row per grade (the history) and one card per member and
/// question. A grade reads its card under a row lock and writes it back in the grade's transaction, so concurrent grades
/// of a question in any number of processes all count, one after the other.
/// </summary>
public sealed class PgLearningStore(PostgresDatabase db) : ILearningStore
{
    private const string CardColumns = "user_id, question_id, last_grade, repetitions, easiness, interval_days, reviews, graded_at, due_at";

    private readonly NpgsqlDataSource _source = db.Source;

    public async ValueTask<ReviewCard> RecordGradeAsync(GradeEntry grade)
    {
        await using var connection = await _source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.Command(
            "INSERT INTO learning_grades (user_id, question_id, grade, covered, rubric_points, graded_at) VALUES ($1, $2, $3, $4, $5, $6)",
            Id(grade.UserId), grade.QuestionId, (short)grade.Grade, grade.Covered, grade.RubricPoints, grade.At.UtcDateTime).RunAsync();
        // A first grade inserts its card; when the card exists (or another transaction is inserting it, which this waits
        // for) nothing is inserted and the card is advanced from the row as stored, locked until the commit.
        var card = ReviewCard.After(null, grade);
        if (await Write(connection, "ON CONFLICT (user_id, question_id) DO NOTHING", card) == 0)
        {
            var stored = await connection.Command($"SELECT {CardColumns} FROM learning_cards WHERE user_id = $1 AND question_id = $2 FOR UPDATE",
                Id(grade.UserId), grade.QuestionId).SingleAsync(ReadCard);
            card = ReviewCard.After(stored, grade);
            await Write(connection, "ON CONFLICT (user_id, question_id) DO UPDATE SET last_grade = excluded.last_grade, " +
                "repetitions = excluded.repetitions, easiness = excluded.easiness, interval_days = excluded.interval_days, " +
                "reviews = excluded.reviews, graded_at = excluded.graded_at, due_at = excluded.due_at", card);
        }
        await transaction.CommitAsync();
        return card;
    }

    public async ValueTask<IReadOnlyList<GradeEntry>> GradesOfAsync(ulong userId) =>
        await _source.Command(
            "SELECT user_id, question_id, grade, covered, rubric_points, graded_at FROM learning_grades WHERE user_id = $1 ORDER BY graded_at, id",
            Id(userId)).ListAsync(r => new GradeEntry(r.UId(0), r.GetString(1), (Grade)r.GetInt16(2), r.GetInt32(3), r.GetInt32(4), new DateTimeOffset(r.GetDateTime(5))));

    public async ValueTask<IReadOnlyList<ReviewCard>> CardsOfAsync(ulong userId) =>
        await _source.Command($"SELECT {CardColumns} FROM learning_cards WHERE user_id = $1 ORDER BY question_id", Id(userId)).ListAsync(ReadCard);

    public async ValueTask<LearningDeleted> DeleteAllOfAsync(ulong userId)
    {
        await using var connection = await _source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var grades = await connection.Command("DELETE FROM learning_grades WHERE user_id = $1", Id(userId)).RunAsync();
        var cards = await connection.Command("DELETE FROM learning_cards WHERE user_id = $1", Id(userId)).RunAsync();
        await transaction.CommitAsync();
        return new LearningDeleted(grades, cards);
    }

    private static async ValueTask<int> Write(NpgsqlConnection connection, string onConflict, ReviewCard c) =>
        await connection.Command($"INSERT INTO learning_cards ({CardColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) {onConflict}",
            Id(c.UserId), c.QuestionId, (short)c.LastGrade, c.State.Repetitions, c.State.Easiness, c.State.IntervalDays, c.Reviews,
            c.GradedAt.UtcDateTime, c.DueAt.UtcDateTime).RunAsync();

    private static ReviewCard ReadCard(NpgsqlDataReader r) =>
        new(r.UId(0), r.GetString(1), (Grade)r.GetInt16(2), new Sm2State(r.GetInt32(3), r.GetDouble(4), r.GetInt32(5)), r.GetInt32(6),
            new DateTimeOffset(r.GetDateTime(7)), new DateTimeOffset(r.GetDateTime(8)));
}
