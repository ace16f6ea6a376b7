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
/// <remarks>
/// Kept per board (see <see cref="StreakService.BoardAsync"/>), so held compactly: rows as structs in one array and the
/// members' ids sorted beside their positions, ~44 bytes a member (row objects and a dictionary took ~110).
/// </remarks>
public sealed class Ranking
{
    // Best first.
    private readonly Row[] _ranked;
    // Member ids ascending, and where each one's row is in _ranked.
    private readonly ulong[] _members;
    private readonly int[] _positions;

    public Ranking(IEnumerable<Standing> standings)
    {
        _ranked = [.. standings.Where(s => s.Value > 0).Select(s => new Row(s.UserId, s.Value, s.ReachedAt))];
        Array.Sort(_ranked, Row.BestFirst);
        _members = new ulong[_ranked.Length];
        _positions = new int[_ranked.Length];
        for (var i = 0; i < _ranked.Length; i++)
        {
            _members[i] = _ranked[i].UserId;
            _positions[i] = i;
        }
        Array.Sort(_members, _positions);
    }

    /// <summary>The top <paramref name="size"/>, and the caller's row when it is not among them.</summary>
    public Board For(ulong callerId, int size = Leaderboard.Size)
    {
        var top = _ranked.Take(size).Select((row, i) => row.Entry(i)).ToList();
        if (top.Any(e => e.Standing.UserId == callerId) || Array.BinarySearch(_members, callerId) is not (>= 0 and var found))
        {
            return new Board(top, null);
        }
        var position = _positions[found];
        return new Board(top, _ranked[position].Entry(position));
    }

    private readonly record struct Row(ulong UserId, int Value, DateTimeOffset ReachedAt)
    {
        // Higher first, then whoever reached it first, then by id.
        public static readonly Comparison<Row> BestFirst = (a, b) =>
            b.Value != a.Value ? b.Value.CompareTo(a.Value)
            : a.ReachedAt != b.ReachedAt ? a.ReachedAt.CompareTo(b.ReachedAt)
            : a.UserId.CompareTo(b.UserId);

        public BoardEntry Entry(int position) => new(position + 1, new Standing(UserId, Value, ReachedAt));
    }
}
