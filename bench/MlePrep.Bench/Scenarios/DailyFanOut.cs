using Microsoft.Extensions.Time.Testing;
using MlePrep.Bot.Daily;
using MlePrep.Discord.Emulator.Rest;

namespace MlePrep.Bench.Scenarios;

/// <summary>
/// Scenario 2: N channels due at 09:00 Berlin. The bot's clock is a fake one moved to 09:00:05 at once, so every trigger
/// is due in the same instant; Discord's side (the emulator: 50 requests/s global, 5 per 5 s per channel) runs on real time.
/// </summary>
internal static class DailyFanOut
{
    private const string Name = "2 · daily fan-out";

    // Sunday 29 Nov 2026, 08:59:50 in Berlin.
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 7, 59, 50, TimeSpan.Zero);

    public static async Task RunAsync(BenchOptions options, ResultTable table)
    {
        foreach (var channels in options.FanOutChannels)
        {
            await RunOnceAsync(channels, table);
        }
    }

    private static async Task RunOnceAsync(int count, ResultTable table)
    {
        var time = new FakeTimeProvider(Start);
        await using var bot = await BenchBot.StartAsync(time: time);
        var store = bot.Service<IDailyStore>();
        var scheduler = bot.Service<IDailyScheduler>();
        var channels = Enumerable.Range(0, count).Select(i => bot.Discord.AddChannel(bot.GuildId, name: $"daily-{i}")).ToArray();
        foreach (var channel in channels)
        {
            var schedule = new DailySchedule { ChannelId = channel, GuildId = bot.GuildId, Hour = 9, TimeZoneId = "Europe/Berlin", SetAt = Start.UtcDateTime };
            await store.SaveAsync(schedule);
            await scheduler.UpsertAsync(schedule, default);
        }
        var limitedBefore = bot.Discord.RateLimitedCount;
        var ideal = TimeSpan.FromSeconds(count / 50.0);

        var due = DateTimeOffset.UtcNow;
        time.Advance(TimeSpan.FromSeconds(15));
        var posts = await WaitForPostsAsync(bot.Discord, count, ideal * 2 + TimeSpan.FromSeconds(30));

        var last = posts.Count == 0 ? TimeSpan.Zero : posts.Max(p => p.Time) - due;
        var duplicates = channels.Sum(c => Math.Max(0, bot.Discord.Messages(c).Count - 1));
        var limited = bot.Discord.RateLimitedCount - limitedBefore;
        var within = posts.Count == count && last <= ideal * 1.1;
        table.Add(Name, $"{count:N0} channels: due → last post (ideal N/50 = {ideal.TotalSeconds:0.0} s)",
            $"{last.TotalSeconds:0.0} s ({last / ideal:0.00} ×, {posts.Count / last.TotalSeconds:0.0} posts/s)", "≤ 1.1 × N/50", within);
        table.Add(Name, $"{count:N0} channels: posts · duplicates · 429s caused", $"{posts.Count:N0} · {duplicates} · {limited}", "N · 0 · 0",
            posts.Count == count && duplicates == 0 && limited == 0);
    }

    /// <summary>Successful Create Message requests, once <paramref name="count"/> are in or the (bounded) wait is over.</summary>
    private static async Task<IReadOnlyList<RecordedRequest>> WaitForPostsAsync(EmulatorRest discord, int count, TimeSpan limit)
    {
        var until = DateTimeOffset.UtcNow + limit;
        List<RecordedRequest> posts;
        do
        {
            await Task.Delay(250);
            posts = [.. discord.Requests.Where(r => r is { Method: "POST", Route: "POST /channels/{channel_id}/messages", Status: 200 })];
        }
        while (posts.Count < count && DateTimeOffset.UtcNow < until);
        return posts;
    }
}
