using Microsoft.Extensions.Options;
using MlePrep.Bot.Answers;
using MlePrep.Bot.Storage;

namespace MlePrep.Bot.Tests.Storage;

/// <summary>
/// The load that broke LiteDB 5.0.21's page cache in seconds (litedb-org/LiteDB#2817): one writer and two readers on a
/// file larger than the cache. Unserialised, this run failed in 4 of 4 tries, after 1 to 10 s ("This transaction are
/// invalid state", "Page type must be data page", "invalid segment position in index footer", "Cannot access a closed
/// file"); with fewer operations (4,000 writes, 800 reads per reader) in 2 of 3.
/// </summary>
public sealed class ContendedLoadTests : IDisposable
{
    private const int Members = 4000;
    private readonly string _folder = Directory.CreateTempSubdirectory("mleprep-load-").FullName;

    [Fact]
    public async Task One_writer_and_two_readers_on_a_database_larger_than_the_cache_never_fail()
    {
        const int Writes = 6000, Reads = 1500;
        // 4,000 answers of 4,000 characters: about 32 MB, where LiteDB's cache reuses pages after 8 MB.
        var text = new string('x', 4000);
        var at = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        using var db = new BotDatabase(Options.Create(new StorageOptions { DatabasePath = Path.Combine(_folder, "bot.db") }));
        var answers = new LiteAnswerStore(db);
        db.Collection<AnswerDocument>(LiteAnswerStore.CollectionName).InsertBulk(Enumerable.Range(0, Members).Select(m => new AnswerDocument
        {
            Id = Answer.Key(1, (ulong)m, Occurrence(m), "Q"), GuildId = 1, UserId = (ulong)m, ChannelId = Channel(m),
            QuestionId = "Q", OccurrenceId = Occurrence(m), Text = text, FirstAnsweredAt = at.UtcDateTime, UpdatedAt = at.UtcDateTime, Revisions = 1,
        }));

        var writer = Task.Run(async () =>
        {
            var random = new Random(1);
            for (var i = 0; i < Writes; i++)
            {
                var m = random.Next(Members * 2);
                await answers.SaveAsync(new AnswerSubmission(1, (ulong)m, Channel(m), "Q", Occurrence(m), text + i, 0, at));
            }
        });
        var readers = Enumerable.Range(2, 2).Select(seed => Task.Run(async () =>
        {
            var random = new Random(seed);
            for (var i = 0; i < Reads; i++)
            {
                var m = random.Next(Members * 2);
                _ = await answers.OfAsync((ulong)m);
                _ = await answers.CountForAsync(Occurrence(m));
            }
        }));

        var failure = await Record.ExceptionAsync(() => Task.WhenAll([writer, .. readers]));

        Assert.Null(failure);
        Assert.False(db.Failed.IsCompleted);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static ulong Channel(int member) => (ulong)(member % 16);

    private static string Occurrence(int member) => $"o{member % 7}";
}
