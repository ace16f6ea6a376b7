namespace MlePrep.Bot.Answers;

/// <summary>What a board is sorted by.</summary>
public enum BoardSort
{
    Current,
    Best,
    Month,
    /// <summary>👍 votes on shared answers this month.</summary>
    Helpful,
}

/// <summary>A member's value on a board and when they first reached it (earlier wins a tie).</summary>
public sealed record Standing(ulong UserId, int Value, DateTimeOffset ReachedAt);

/// <summary>A ranked row; ranks are unique because ties are broken.</summary>
public sealed record BoardEntry(int Rank, Standing Standing);

/// <summary>The top rows, and the caller's own row when it is not among them (null when they have no value).</summary>
public sealed record Board(IReadOnlyList<BoardEntry> Top, BoardEntry? Caller);

public static class Leaderboard
{
    public const int Size = 10;

    /// <summary>Ranks members with a value above zero: higher first, then whoever reached it first, then by id for stability.</summary>
    public static Board Rank(IEnumerable<Standing> standings, ulong callerId, int size = Size) => new Ranking(standings).For(callerId, size);
}

/// <summary>Every member with a value, ranked once, so the board for any caller is a lookup rather than a sort.</summary>
public sealed class Ranking
{
    private readonly List<BoardEntry> _ranked;
    private readonly Dictionary<ulong, BoardEntry> _byMember;

    public Ranking(IEnumerable<Standing> standings)
    {
        _ranked = standings
            .Where(s => s.Value > 0)
            .OrderByDescending(s => s.Value)
            .ThenBy(s => s.ReachedAt)
            .ThenBy(s => s.UserId)
            .Select((s, i) => new BoardEntry(i + 1, s))
            .ToList();
        _byMember = _ranked.ToDictionary(e => e.Standing.UserId);
    }

    /// <summary>The top <paramref name="size"/>, and the caller's row when it is not among them.</summary>
    public Board For(ulong callerId, int size = Leaderboard.Size)
    {
        var top = _ranked.Take(size).ToList();
        var caller = top.Any(e => e.Standing.UserId == callerId) ? null : _byMember.GetValueOrDefault(callerId);
        return new Board(top, caller);
    }
}
