namespace MlePrep.Bot.Storage;

/// <summary>LiteDB stores dates as UTC (<see cref="LiteDB.LiteDatabase.UtcDate"/>); the ports speak <see cref="DateTimeOffset"/>.</summary>
internal static class LiteDates
{
    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
