using System.Globalization;

namespace MlePrep.Discord.Gateway;

/// <summary>One gateway connection's place among the bot's shards, as Identify sends it: <c>[id, count]</c>.</summary>
internal readonly record struct Shard(int Id, int Count)
{
    /// <summary>A bot with one connection; Identify then leaves <c>shard</c> out (Discord's docs allow either form).</summary>
    public static readonly Shard Unsharded = new(0, 1);

    public bool IsSharded => Count > 1;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[{Id}, {Count}]");
}

/// <summary>
/// Reads <c>Discord:ShardCount</c> (<c>1</c>, a number or <c>auto</c>) and <c>Discord:ShardIds</c> (<c>0</c>, <c>0,1</c>,
/// <c>0-3</c>; unset = every shard). Each problem comes back as one sentence naming the setting.
/// </summary>
internal static class ShardSettings
{
    public const string Auto = "auto";

    /// <summary>A bound on what one setting may ask for, so a typo cannot make the process allocate millions of connections.</summary>
    public const int MaxShards = 100_000;

    /// <summary>The count, or null for <c>auto</c> (Discord's recommendation from GET /gateway/bot).</summary>
    public static bool TryParseCount(string? text, out int? count, out string? problem)
    {
        count = null;
        problem = null;
        var value = text?.Trim() ?? "";
        if (value.Equals(Auto, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxShards)
        {
            count = n;
            return true;
        }
        problem = $"Discord:ShardCount must be a whole number of shards (1 to 100000) or 'auto', not '{text}'.";
        return false;
    }

    /// <summary>The shard ids this process runs, ascending; every id below <paramref name="count"/> when <paramref name="ids"/> is empty.</summary>
    public static bool TryParseIds(string? ids, int? count, out IReadOnlyList<int> shards, out string? problem)
    {
        shards = [];
        problem = null;
        if (string.IsNullOrWhiteSpace(ids))
        {
            shards = count is { } all ? [.. Enumerable.Range(0, all)] : [];
            return true;
        }
        var chosen = new SortedSet<int>();
        foreach (var part in ids.Split(',', StringSplitOptions.TrimEntries))
        {
            var bounds = part.Split('-', StringSplitOptions.TrimEntries);
            if (bounds.Length is not (1 or 2) || !bounds.All(IsId) || Id(bounds[0]) > Id(bounds[^1]))
            {
                problem = $"Discord:ShardIds must list shard ids or ranges such as 0, 0,1 or 0-3; '{part}' in '{ids}' is not one.";
                return false;
            }
            for (var id = Id(bounds[0]); id <= Id(bounds[^1]); id++)
            {
                if ((count ?? MaxShards) is var total && id >= total)
                {
                    problem = $"Discord:ShardIds lists shard {id}, but Discord:ShardCount is {(count is null ? "at most " : "")}{total}, so shard ids go from 0 to {total - 1}.";
                    return false;
                }
                if (!chosen.Add(id))
                {
                    problem = $"Discord:ShardIds lists shard {id} twice in '{ids}'.";
                    return false;
                }
            }
        }
        shards = [.. chosen];
        return true;
    }

    private static bool IsId(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static int Id(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
}
