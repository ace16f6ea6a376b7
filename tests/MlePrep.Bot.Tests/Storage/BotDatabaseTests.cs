using LiteDB;
using MlePrep.Bot.Storage;

namespace MlePrep.Bot.Tests.Storage;

public sealed class BotDatabaseTests
{
    private sealed class Sample
    {
        public string Id { get; set; } = "";
        public ulong Snowflake { get; set; }
        public string Text { get; set; } = "";
        public DateTime When { get; set; }
    }

    [Fact]
    public void Snowflakes_text_and_utc_dates_round_trip_through_a_reopened_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mleprep-{Guid.NewGuid():N}.db");
        var when = new DateTime(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);
        var sample = new Sample { Id = "a", Snowflake = 1_300_000_000_000_000_123, Text = "  indented\n", When = when };
        try
        {
            using (var db = new BotDatabase(Microsoft.Extensions.Options.Options.Create(new StorageOptions { DatabasePath = path })))
            {
                db.Collection<Sample>("samples").Insert(sample);
                db.Collection<Sample>("samples").Insert(new Sample { Id = "empty", Text = "" });
            }
            using var reopened = new BotDatabase(Microsoft.Extensions.Options.Options.Create(new StorageOptions { DatabasePath = path }));
            var back = reopened.Collection<Sample>("samples").FindById("a");

            Assert.Equal(sample.Snowflake, back.Snowflake);
            Assert.Equal("  indented\n", back.Text);
            Assert.Equal(when, back.When);
            Assert.Equal(DateTimeKind.Utc, back.When.Kind);
            Assert.Equal("", reopened.Collection<Sample>("samples").FindById("empty").Text);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_mapper_keeps_empty_strings_and_stores_enums_as_numbers()
    {
        var mapper = BotDatabase.CreateMapper();
        var doc = mapper.ToDocument(new Sample { Id = "x", Text = "" });

        Assert.Equal("", doc["Text"].AsString);
        Assert.Equal(BsonType.Int32, mapper.Serialize(DayOfWeek.Monday).Type);
    }
}
