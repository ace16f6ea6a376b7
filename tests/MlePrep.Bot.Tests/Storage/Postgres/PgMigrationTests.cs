using MlePrep.Bot.Daily;
using MlePrep.Bot.Storage;
using MlePrep.Bot.Storage.Postgres;

namespace MlePrep.Bot.Tests.Storage.Postgres;

/// <summary>The PostgreSQL schema's versioned migrations: from an empty database, from the previous version, and refusing a newer one.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PgMigrationTests(PostgresServer server)
{
    [Fact]
    public async Task An_empty_database_gets_every_migration_once_the_bots_tables_and_quartzs()
    {
        var connectionString = await server.CreateDatabaseAsync(migrated: false);

        using (var db = new PostgresDatabase(connectionString, PostgresSchema.Current))
        {
            Assert.Equal(Enumerable.Range(1, PostgresSchema.Current), await VersionsAsync(db));
            Assert.Contains("daily_occurrences", await TablesAsync(db));
            // Quartz's clustered store finds its tables: the ones it checks at start, and its cluster lock rows' table.
            Assert.Superset(new HashSet<string> { "qrtz_job_details", "qrtz_triggers", "qrtz_cron_triggers", "qrtz_fired_triggers", "qrtz_scheduler_state", "qrtz_locks" },
                (await TablesAsync(db)).ToHashSet());
        }
        // Opening again runs nothing.
        using (var again = new PostgresDatabase(connectionString, PostgresSchema.Current))
        {
            Assert.Equal(Enumerable.Range(1, PostgresSchema.Current), await VersionsAsync(again));
        }
    }

    [Fact]
    public async Task Processes_starting_at_once_on_an_empty_database_each_run_nothing_twice()
    {
        var connectionString = await server.CreateDatabaseAsync(migrated: false);

        var opened = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new PostgresDatabase(connectionString, PostgresSchema.Current))));

        Assert.Equal(Enumerable.Range(1, PostgresSchema.Current), await VersionsAsync(opened[0]));
        foreach (var db in opened)
        {
            db.Dispose();
        }
    }

    [Fact]
    public async Task A_database_of_the_previous_version_keeps_its_data_and_is_brought_up_to_date()
    {
        var connectionString = await server.CreateDatabaseAsync(migrated: false);
        using (var previous = new PostgresDatabase(connectionString, PostgresSchema.Current - 1))
        {
            Assert.Equal(Enumerable.Range(1, PostgresSchema.Current - 1), await VersionsAsync(previous));
            await new PgDailyStore(previous).SaveAsync(new DailySchedule { ChannelId = 10, GuildId = 1, Hour = 9, SetAt = DateTime.UtcNow, Rotation = ["T1"] });
        }

        using var current = new PostgresDatabase(connectionString, PostgresSchema.Current);

        Assert.Equal(Enumerable.Range(1, PostgresSchema.Current), await VersionsAsync(current));
        Assert.Equal(["T1"], (await new PgDailyStore(current).ScheduleAsync(10))!.Rotation);
    }

    [Fact]
    public async Task A_database_newer_than_the_binary_stops_the_start_with_both_versions_named()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await PgTestDatabase.StampNewerAsync(connectionString);

        var e = Assert.Throws<DatabaseOpenException>(() => new PostgresDatabase(connectionString, PostgresSchema.Current));

        Assert.Contains($"has schema version {PostgresSchema.Current + 1}, written by a newer MlePrep.Bot than this one (which knows up to {PostgresSchema.Current})", e.Message);
    }

    private static async Task<List<int>> VersionsAsync(PostgresDatabase db) =>
        await db.Source.Command("SELECT version FROM schema_version ORDER BY version").ListAsync(r => r.GetInt32(0));

    private static async Task<List<string>> TablesAsync(PostgresDatabase db) =>
        await db.Source.Command("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public'").ListAsync(r => r.GetString(0));
}
