using MlePrep.Bot.Answers;
using MlePrep.Bot.Daily;
using MlePrep.Bot.Storage;

namespace MlePrep.Bot.Tests.Storage;

/// <summary>The streak states kept through the adapter equal the streaks derived from the whole ledger.</summary>
public abstract partial class AnswerStoreContract
{
    private static readonly ulong[] Members = [1, 2, 3, 4, 5];

    // How likely each member answers a post: from nearly always (long runs, freezes earned) to seldom.
    private static readonly double[] Diligence = [0.97, 0.9, 0.75, 0.5, 0.2];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Streak_states_kept_on_each_answer_equal_the_full_derivation_after_every_step(int seed)
    {
        var random = new Random(seed);
        using var dailyDb = BotDatabase.InMemory();
        var daily = new LiteDailyStore(dailyDb);
        var ledger = new DailyLedger(daily);
        var streaks = new StreakService(ledger, Store);
        var schedule = new DailySchedule { ChannelId = Channel, GuildId = Guild, Hour = 9, TimeZoneId = "UTC" };
        await daily.SaveAsync(schedule);
        var now = Start;
        var day = DateOnly.FromDateTime(Start.UtcDateTime);
        DailyOccurrence? latest = null, previous = null;
        var recordedSteps = 0;

        async Task Occur(OccurrenceStatus status, DateTimeOffset postedAt)
        {
            var occurrence = new DailyOccurrence
            {
                Id = DailyOccurrence.Key(Channel, day), ChannelId = Channel, GuildId = Guild, LocalDate = day.ToString("yyyy-MM-dd", null),
                DueAt = postedAt.UtcDateTime, Status = status, PostedAt = status == OccurrenceStatus.Posted ? postedAt.UtcDateTime : null, QuestionId = "Q1",
            };
            day = day.AddDays(1);
            await daily.SaveAsync(occurrence);
            if (status == OccurrenceStatus.Posted)
            {
                (previous, latest) = (latest, occurrence);
            }
        }

        async Task Answer(ulong member, DailyOccurrence occurrence, DateTimeOffset at)
        {
            // As the answer modal does.
            var saved = await Store.SaveAsync(Daily(member, occurrence.Id, "an answer", at));
            if (!saved.Replaced && await streaks.RecordAsync(Channel, member, occurrence.Id, saved.Answer.AnsweredAt) is { } recorded)
            {
                // What the reply shows without deriving the member again: the same as deriving it.
                var derived = await streaks.OfAsync(Channel, member);
                Assert.Equal(
                    (derived.Current, derived.Best, derived.FreezesHeld, derived.FreezesUsed, derived.Answered, derived.CurrentReachedAt, derived.BestReachedAt),
                    (recorded.Current, recorded.Best, recorded.FreezesHeld, recorded.FreezesUsed, recorded.Answered, recorded.CurrentReachedAt, recorded.BestReachedAt));
                Assert.Equal(derived.OutcomeOf(occurrence.Id), Assert.Single(recorded.Outcomes));
                recordedSteps++;
            }
            await CheckAsync();
        }

        async Task CheckAsync()
        {
            var posted = await ledger.PostedAsync(Channel);
            var current = (await streaks.StandingsAsync(schedule, BoardSort.Current, now)).ToDictionary(s => s.UserId);
            var best = (await streaks.StandingsAsync(schedule, BoardSort.Best, now)).ToDictionary(s => s.UserId);
            foreach (var member in Members)
            {
                var derived = await streaks.OfAsync(Channel, member);
                var stored = await Store.StreakAsync(Channel, member);
                Assert.Equal(MemberStreak.Derive(Channel, member, posted, await Store.DailyInAsync(Channel, member)), stored);
                var kept = stored?.At(posted.Count) ?? StreakState.None;
                Assert.Equal(
                    (derived.Current, derived.Best, derived.FreezesHeld, derived.FreezesUsed, derived.Answered, derived.CurrentReachedAt, derived.BestReachedAt),
                    (kept.Current, kept.Best, kept.FreezesHeld, kept.FreezesUsed, kept.Answered, kept.CurrentReachedAt, kept.BestReachedAt));
                Assert.Equal(derived.Current, current.GetValueOrDefault(member)?.Value ?? 0);
                Assert.Equal(derived.Best, best.GetValueOrDefault(member)?.Value ?? 0);
            }
        }

        var freezesSeen = 0;
        for (var step = 0; step < 45; step++)
        {
            now = now.AddDays(1);
            if (random.Next(8) == 0)
            {
                // A day the bot did not post: it exists in the ledger, never for streaks.
                await Occur(OccurrenceStatus.Skipped, now);
                continue;
            }
            var lastAnswer = now;
            if (random.Next(10) == 0 && latest is not null)
            {
                // A post recorded after an answer that came in after it: that answer was late, though recorded first.
                lastAnswer = now.AddMinutes(1);
                await Answer(Members[random.Next(Members.Length)], latest, lastAnswer);
            }
            await Occur(OccurrenceStatus.Posted, now);
            await CheckAsync();
            foreach (var i in Enumerable.Range(0, Members.Length).OrderBy(_ => random.Next()))
            {
                now = now.AddMinutes(random.Next(1, 60));
                var roll = random.NextDouble();
                if (roll < Diligence[i])
                {
                    await Answer(Members[i], latest!, now);
                    if (random.Next(5) == 0)
                    {
                        // A re-submission: counts once, keeps the first time.
                        await Answer(Members[i], latest!, now.AddMinutes(1));
                    }
                }
                else if (roll < Diligence[i] + 0.1 && previous is not null)
                {
                    // A late answer, to the post before the latest.
                    await Answer(Members[i], previous, now);
                }
            }
            freezesSeen += (await streaks.OfAsync(Channel, Members[0])).FreezesUsed;
        }
        Assert.True(freezesSeen > 0, "the sequence never used a freeze; it would not check them");
        Assert.True(recordedSteps > 0, "no answer was a step on the stored state; the reply's state went unchecked");
    }

    [Fact]
    public async Task Streaks_repair_restores_corrupted_missing_and_stray_states_and_lists_them()
    {
        using var dailyDb = BotDatabase.InMemory();
        var daily = new LiteDailyStore(dailyDb);
        var ledger = new DailyLedger(daily);
        var streaks = new StreakService(ledger, Store);
        await daily.SaveAsync(new DailySchedule { ChannelId = Channel, GuildId = Guild, Hour = 9, TimeZoneId = "UTC" });
        for (var d = 0; d < 3; d++)
        {
            var at = Start.AddDays(d);
            var id = DailyOccurrence.Key(Channel, DateOnly.FromDateTime(at.UtcDateTime));
            await daily.SaveAsync(new DailyOccurrence
            {
                Id = id, ChannelId = Channel, GuildId = Guild, LocalDate = id[3..], DueAt = at.UtcDateTime, Status = OccurrenceStatus.Posted,
                PostedAt = at.UtcDateTime, QuestionId = "Q1",
            });
            foreach (var member in new ulong[] { 7, 8 })
            {
                var saved = await Store.SaveAsync(Daily(member, id, "an answer", at.AddMinutes(member)));
                await streaks.RecordAsync(Channel, member, id, saved.Answer.AnsweredAt);
            }
        }
        var good = (await Store.StreakAsync(Channel, 7))!;
        var missing = (await Store.StreakAsync(Channel, 8))!;
        var corrupted = good with { Current = 1, Best = 9, FreezesHeld = 2 };
        var stray = good with { UserId = 9 };
        await Store.ReplaceStreaksAsync(Channel, [corrupted, stray], [8]);
        var output = new StringWriter();

        Assert.Equal(0, await StreaksCli.RepairAsync(ledger, streaks, output));

        var text = output.ToString();
        Assert.Contains($"channel {Channel}: 3 member(s) differed from the ledger; fixed", text);
        Assert.Contains("member 7: stored current 1, best 9, freezes 2 held", text);
        Assert.Contains("member 8: stored none → derived current 3, best 3", text);
        Assert.Contains("member 9: stored current 3, best 3, freezes 0 held 0 used, 3 answered, last 10:2026-12-02 (#2) → derived none", text);
        var reopened = Reopen();
        Assert.Equal(good, await reopened.StreakAsync(Channel, 7));
        Assert.Equal(missing, await reopened.StreakAsync(Channel, 8));
        Assert.Null(await reopened.StreakAsync(Channel, 9));
        var again = new StringWriter();
        await StreaksCli.RepairAsync(ledger, new StreakService(ledger, reopened), again);
        Assert.Contains("1 daily channel(s) checked, 0 streak state(s) fixed.", again.ToString());
    }

    [Fact]
    public async Task Deleting_a_members_answers_deletes_their_streak_states()
    {
        var state = new MemberStreak(Channel, 7, "10:2026-11-30", 0, 1, 1, 0, 0, 1, Start, Start);
        await Store.ReplaceStreaksAsync(Channel, [state, state with { UserId = 8 }], []);
        await Store.ReplaceStreaksAsync(OtherChannel, [state with { ChannelId = OtherChannel }], []);

        await Store.DeleteAllOfAsync(7);

        var reopened = Reopen();
        Assert.Null(await reopened.StreakAsync(Channel, 7));
        Assert.Null(await reopened.StreakAsync(OtherChannel, 7));
        Assert.Equal([state with { UserId = 8 }], await reopened.StreaksInAsync(Channel));
    }

    [Fact]
    public async Task A_channels_states_read_from_the_database_are_all_of_its_own_whatever_their_count_and_the_other_channels_ids()
    {
        // More states than the LiteDB adapter reads at once, in channels whose ids begin like each other's.
        ulong[] channels = [1, Channel, 100, 101, 1_000_000_000_000_000_000, 1_000_000_000_000_000_001];
        var many = LiteAnswerStore.StatesPerRead * 2 + 1;
        MemberStreak State(ulong channel, ulong user) =>
            new(channel, user, $"{channel}:2026-11-{1 + (int)(user % 30):00}", (int)(user % 30), (int)(user % 7) + 1, 7, 0, 0, (int)(user % 9) + 1, Start, Start);
        var written = channels.ToDictionary(c => c, c => Enumerable.Range(1, c == Channel ? many : 3).Select(u => State(c, (ulong)u * 997)).ToList());
        foreach (var (channel, states) in written)
        {
            await Store.ReplaceStreaksAsync(channel, states, []);
        }

        var reopened = Reopen();

        foreach (var (channel, states) in written)
        {
            Assert.Equal(states.OrderBy(s => s.UserId), (await reopened.StreaksInAsync(channel)).OrderBy(s => s.UserId));
        }
        Assert.Equal(written[Channel][^1], await reopened.StreakAsync(Channel, written[Channel][^1].UserId));
    }

    [Fact]
    public async Task Storing_streak_states_changes_the_ranking_version_of_their_channel_only()
    {
        var before = (await Store.RankingVersionAsync(Channel), await Store.RankingVersionAsync(OtherChannel));

        await Store.ReplaceStreaksAsync(Channel, [new MemberStreak(Channel, 7, "10:2026-11-30", 0, 1, 1, 0, 0, 1, Start, Start)], []);

        Assert.NotEqual(before.Item1, await Store.RankingVersionAsync(Channel));
        Assert.Equal(before.Item2, await Store.RankingVersionAsync(OtherChannel));
    }
}
