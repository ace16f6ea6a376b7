using System.Diagnostics.Metrics;
using MlePrep.Bot.Answers;
using MlePrep.Bot.Daily;
using MlePrep.Discord.Hosting;
using MlePrep.Discord.Interactions;

namespace MlePrep.Bot.Operations;

/// <summary>
/// What Operations measures itself: answers stored, members with an active streak (meter <c>MlePrep.Bot</c>), and
/// interactions in flight, for readiness and the shutdown report.
/// </summary>
public sealed class Instrumentation : IDisposable
{
    // Counting streaks reads every member's streak state of every daily channel; once in a while is enough for a dashboard.
    internal static readonly TimeSpan StreaksEvery = TimeSpan.FromMinutes(10);

    // Not at start: in a big server that read (100,000 states) competed with READY and the first interactions, which
    // all come in the first seconds after a restart.
    internal static readonly TimeSpan StreaksFirstAfter = TimeSpan.FromMinutes(1);

    private readonly Meter _meter;
    private readonly Counter<long> _answersStored;
    private int _inFlight;
    private int _finished;

    public Instrumentation(IMeterFactory meters)
    {
        _meter = meters.Create(Metrics.MeterName);
        _answersStored = _meter.CreateCounter<long>("mleprep.answers.stored", "{answer}", "Answers saved (a re-submission counts again)");
        _meter.CreateObservableGauge("mleprep.streaks.active", () => ActiveStreaks ?? 0, "{member}",
            "Members with a current streak of at least 1, summed over daily channels (first a minute after start, then every 10 minutes)");
    }

    /// <summary>The last count of members with an active streak; null before the first.</summary>
    public long? ActiveStreaks { get; set; }

    public int InFlight => Volatile.Read(ref _inFlight);

    public int Finished => Volatile.Read(ref _finished);

    public void AnswerStored() => _answersStored.Add(1);

    public void Started() => Interlocked.Increment(ref _inFlight);

    public void Ended()
    {
        Interlocked.Decrement(ref _inFlight);
        Interlocked.Increment(ref _finished);
    }

    public void Dispose() => _meter.Dispose();
}

/// <summary>Counts interactions in and out around the router.</summary>
internal sealed class CountingInteractionHandler(IInteractionHandler inner, Instrumentation instrumentation) : IInteractionHandler
{
    public async Task HandleAsync(Interaction interaction, CancellationToken ct)
    {
        instrumentation.Started();
        try
        {
            await inner.HandleAsync(interaction, ct);
        }
        finally
        {
            instrumentation.Ended();
        }
    }
}

/// <summary>Counts saved answers at the port, whichever feature saves them.</summary>
internal sealed class CountingAnswerStore(IAnswerStore inner, Instrumentation instrumentation) : IAnswerStore
{
    public async ValueTask<AnswerSaved> SaveAsync(AnswerSubmission submission)
    {
        var saved = await inner.SaveAsync(submission);
        instrumentation.AnswerStored();
        return saved;
    }

    public ValueTask<int> CountForAsync(string occurrenceId) => inner.CountForAsync(occurrenceId);

    public ValueTask<IReadOnlyList<AnswerStamp>> DailyInAsync(ulong channelId) => inner.DailyInAsync(channelId);

    public ValueTask<IReadOnlyList<AnswerStamp>> DailyInAsync(ulong channelId, ulong userId) => inner.DailyInAsync(channelId, userId);

    public ValueTask<IReadOnlyList<Answer>> OfAsync(ulong userId) => inner.OfAsync(userId);

    public ValueTask<IReadOnlyList<Answer>> DeleteAllOfAsync(ulong userId) => inner.DeleteAllOfAsync(userId);

    public ValueTask<long> RankingVersionAsync(ulong channelId) => inner.RankingVersionAsync(channelId);

    public ValueTask<MemberStreak?> StreakAsync(ulong channelId, ulong userId) => inner.StreakAsync(channelId, userId);

    public ValueTask<IReadOnlyList<MemberStreak>> StreaksInAsync(ulong channelId) => inner.StreaksInAsync(channelId);

    public ValueTask ReplaceStreaksAsync(ulong channelId, IReadOnlyList<MemberStreak> save, IReadOnlyList<ulong> remove) =>
        inner.ReplaceStreaksAsync(channelId, save, remove);
}

/// <summary>Recounts members with an active streak every <see cref="Instrumentation.StreaksEvery"/>.</summary>
internal sealed class ActiveStreaksCounter(IDailyStore daily, StreakService streaks, Instrumentation instrumentation, TimeProvider time,
    ILogger<ActiveStreaksCounter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(Instrumentation.StreaksFirstAfter, time, stoppingToken);
            using var timer = new PeriodicTimer(Instrumentation.StreaksEvery, time);
            do
            {
                try
                {
                    instrumentation.ActiveStreaks = await CountAsync();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Log.ActiveStreaksFailed(logger, e.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    internal async Task<long> CountAsync()
    {
        long count = 0;
        foreach (var schedule in await daily.AllSchedulesAsync())
        {
            count += (await streaks.StandingsAsync(schedule, BoardSort.Current, time.GetUtcNow())).Count(s => s.Value > 0);
        }
        return count;
    }
}
