using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using MlePrep.Bot.Daily;
using Quartz;

namespace MlePrep.Bot.Sandbox;

/// <summary>The page's clock: shows simulated time and fast-forwards to the next daily post (or by 5 minutes), so schedules, streaks and mock interviews can be tried in minutes.</summary>
internal sealed class SandboxClockControls(SandboxClock clock, ISchedulerFactory schedulers, ILogger logger)
{
    // Just past the due second, so Quartz fires the trigger on time rather than as a misfire.
    private static readonly TimeSpan PastDue = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan Step = TimeSpan.FromMinutes(5);

    public async Task<IResult> StateAsync(CancellationToken ct) => Json(clock.Now, await NextFireTimeAsync(ct));

    public async Task<IResult> NextDailyPostAsync(CancellationToken ct)
    {
        if (await NextFireTimeAsync(ct) is not { } next)
        {
            return Results.Content(new JsonObject { ["error"] = "No daily question is scheduled yet. As Ada (Manage Server), run /daily set first." }.ToJsonString(),
                "application/json", statusCode: StatusCodes.Status409Conflict);
        }
        var delta = next - clock.Now + PastDue;
        if (delta > TimeSpan.Zero)
        {
            clock.Advance(delta);
            Log.SandboxFastForwarded(logger, delta, clock.Now);
        }
        return Json(clock.Now, await NextFireTimeAsync(ct));
    }

    /// <summary>Moves the clock on by <see cref="Step"/>: enough to run out a /mock time box in a click or two.</summary>
    public async Task<IResult> StepAsync(CancellationToken ct)
    {
        clock.Advance(Step);
        Log.SandboxFastForwarded(logger, Step, clock.Now);
        return Json(clock.Now, await NextFireTimeAsync(ct));
    }

    // Every daily schedule is a trigger of the one daily job.
    private async Task<DateTimeOffset?> NextFireTimeAsync(CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var triggers = await scheduler.GetTriggersOfJob(DailyScheduler.JobKey, ct);
        return triggers.Select(t => t.NextFireTimeUtc).Where(t => t is not null).Min();
    }

    private static IResult Json(DateTimeOffset now, DateTimeOffset? nextDaily) => Results.Content(new JsonObject
    {
        ["now"] = now.ToUnixTimeMilliseconds(),
        ["next_daily"] = nextDaily?.ToUnixTimeMilliseconds(),
    }.ToJsonString(), "application/json");
}
