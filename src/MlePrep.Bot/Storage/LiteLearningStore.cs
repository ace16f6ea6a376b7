using LiteDB;
using MlePrep.Bot.Daily;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Learning;

namespace MlePrep.Bot.Storage;

/// <summary>
/// The LiteDB adapter of <see cref="ILearningStore"/>: every grade a document (the history), and one review card per member
/// and question. New collections only, so older files need no migration step.
/// </summary>
public sealed class LiteLearningStore : ILearningStore
{
    private readonly BotDatabase _db;
    private readonly ILiteCollection<GradeDocument> _grades;
    private readonly ILiteCollection<ReviewCardDocument> _cards;

    // A grade reads the card and writes it back: one at a time, so concurrent grades of a question all count.
    private readonly Lock _write = new();

    public LiteLearningStore(BotDatabase db)
    {
        _db = db;
        _grades = db.Collection<GradeDocument>("learning_grades");
        _grades.EnsureIndex(g => g.UserId);
        _cards = db.Collection<ReviewCardDocument>("learning_cards");
        _cards.EnsureIndex(c => c.UserId);
    }

    public ValueTask<ReviewCard> RecordGradeAsync(GradeEntry grade)
    {
        lock (_write)
        {
            // The grade and its card commit together (no await inside: LiteDB transactions are per thread).
            _db.Database.BeginTrans();
            try
            {
                var card = ReviewCard.After(_cards.FindById(ReviewCardDocument.Key(grade.UserId, grade.QuestionId))?.ToCard(), grade);
                _grades.Insert(GradeDocument.From(grade));
                _cards.Upsert(ReviewCardDocument.From(card));
                _db.Database.Commit();
                return ValueTask.FromResult(card);
            }
            catch
            {
                _db.Database.Rollback();
                throw;
            }
        }
    }

    public ValueTask<IReadOnlyList<GradeEntry>> GradesOfAsync(ulong userId) =>
        ValueTask.FromResult<IReadOnlyList<GradeEntry>>(_grades.Find(g => g.UserId == userId).OrderBy(g => g.At).ThenBy(g => g.Id).Select(g => g.ToEntry()).ToList());

    public ValueTask<IReadOnlyList<ReviewCard>> CardsOfAsync(ulong userId) =>
        ValueTask.FromResult<IReadOnlyList<ReviewCard>>(_cards.Find(c => c.UserId == userId).Select(c => c.ToCard()).ToList());

    public ValueTask<LearningDeleted> DeleteAllOfAsync(ulong userId)
    {
        lock (_write)
        {
            return ValueTask.FromResult(new LearningDeleted(_grades.DeleteMany(g => g.UserId == userId), _cards.DeleteMany(c => c.UserId == userId)));
        }
    }
}

/// <summary>A <see cref="GradeEntry"/> as stored (auto id: the history keeps every grade).</summary>
internal sealed class GradeDocument
{
    public long Id { get; set; }
    public ulong UserId { get; set; }
    public string QuestionId { get; set; } = "";
    public Grade Grade { get; set; }
    public int Covered { get; set; }
    public int RubricPoints { get; set; }
    public DateTime At { get; set; }

    public static GradeDocument From(GradeEntry g) =>
        new() { UserId = g.UserId, QuestionId = g.QuestionId, Grade = g.Grade, Covered = g.Covered, RubricPoints = g.RubricPoints, At = g.At.UtcDateTime };

    public GradeEntry ToEntry() => new(UserId, QuestionId, Grade, Covered, RubricPoints, DailyRules.Utc(At));
}

/// <summary>A <see cref="ReviewCard"/> as stored, id <c>{user}:{question}</c>.</summary>
internal sealed class ReviewCardDocument
{
    public string Id { get; set; } = "";
    public ulong UserId { get; set; }
    public string QuestionId { get; set; } = "";
    public Grade LastGrade { get; set; }
    public int Repetitions { get; set; }
    public double Easiness { get; set; }
    public int IntervalDays { get; set; }
    public int Reviews { get; set; }
    public DateTime GradedAt { get; set; }
    public DateTime DueAt { get; set; }

    public static string Key(ulong userId, string questionId) => $"{userId}:{questionId}";

    public static ReviewCardDocument From(ReviewCard c) => new()
    {
        Id = Key(c.UserId, c.QuestionId),
        UserId = c.UserId,
        QuestionId = c.QuestionId,
        LastGrade = c.LastGrade,
        Repetitions = c.State.Repetitions,
        Easiness = c.State.Easiness,
        IntervalDays = c.State.IntervalDays,
        Reviews = c.Reviews,
        GradedAt = c.GradedAt.UtcDateTime,
        DueAt = c.DueAt.UtcDateTime,
    };

    public ReviewCard ToCard() =>
        new(UserId, QuestionId, LastGrade, new Sm2State(Repetitions, Easiness, IntervalDays), Reviews, DailyRules.Utc(GradedAt), DailyRules.Utc(DueAt));
}
