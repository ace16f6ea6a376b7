namespace MlePrep.Bot.Daily;

/// <summary>
/// Work another feature does when a daily question's answer window closes, that is when the channel's next post is out:
/// the poster calls it after a post (and again when a retry finds the post already made), under the channel's post lock,
/// so one process at a time does it per channel. It must be idempotent; a failure is logged and never fails the post.
/// </summary>
public interface IDailyWindowClosed
{
    Task ClosedAsync(DailyOccurrence posted, CancellationToken ct);
}
