namespace MlePrep.Bot.Interactions;

/// <summary>Discord's size limit on a reply's content, and the helper that keeps lists in replies inside it.</summary>
public static class ReplyLimits
{
    /// <summary>Discord refuses message content over 2,000 characters (400, 50035).</summary>
    public const int Content = 2000;

    /// <summary>How many channel mentions a sentence lists before it says "and N more".</summary>
    public const int ChannelsListed = 10;

    /// <summary>Channel mentions, at most <see cref="ChannelsListed"/> of them, then "and N more": a server may have any number.</summary>
    public static string Channels(IEnumerable<ulong> channelIds)
    {
        var ids = channelIds.ToList();
        var shown = string.Join(", ", ids.Take(ChannelsListed).Select(id => $"<#{id}>"));
        return ids.Count <= ChannelsListed ? shown : $"{shown} and {ids.Count - ChannelsListed} more";
    }
}
