using System.Globalization;
using SkiaSharp;

namespace MlePrep.Bot.Learning;

/// <summary>What the /stats picture shows: activity per UTC day up to <see cref="Today"/>, and mastery per topic (weakest first).</summary>
public sealed record StatsPicture(DateOnly Today, IReadOnlyDictionary<DateOnly, int> Activity, IReadOnlyList<TopicMastery> Topics);

/// <summary>
/// Draws the /stats PNG with SkiaSharp: a GitHub-style calendar of the last 26 weeks (one column per week, Monday on
/// top, darker for more answers and grades that day) and one bar per topic's mastery. Everything is placed on a fixed
/// grid in the embedded font, without hinting or subpixel text, so the same data gives the same bytes.
/// </summary>
public static class StatsRenderer
{
    public const int Width = 800;
    public const int Height = 520;
    public const string FileName = "stats.png";

    /// <summary>Columns of the calendar: 26 full weeks back, plus the current one.</summary>
    internal const int Weeks = 27;
    internal const int Cell = 16;
    internal const int Step = 19;
    internal const int CalendarLeft = 64;
    internal const int CalendarTop = 76;
    internal const int MaxTopics = 8;
    internal const int BarLeft = 240;
    internal const int BarWidth = 380;
    internal const int BarHeight = 18;
    internal const int BarsTop = 292;
    internal const int BarStep = 25;

    /// <summary>Calendar colours for 0, 1, 2, 3–4 and 5+ answers and grades in a day.</summary>
    internal static readonly SKColor[] Levels = [new(0xEB, 0xED, 0xF0), new(0x9B, 0xE9, 0xA8), new(0x40, 0xC4, 0x63), new(0x30, 0xA1, 0x4E), new(0x21, 0x6E, 0x39)];

    internal static readonly SKColor Weak = new(0xE5, 0x53, 0x4B);
    internal static readonly SKColor Fair = new(0xD2, 0x99, 0x22);
    internal static readonly SKColor Strong = new(0x2D, 0xA4, 0x4E);
    internal static readonly SKColor Track = new(0xEA, 0xEE, 0xF2);

    private static readonly SKColor Ink = new(0x1F, 0x23, 0x28);
    private static readonly SKColor Muted = new(0x65, 0x6D, 0x76);

    private static readonly Lazy<SKTypeface> Typeface = new(() =>
    {
        using var font = typeof(StatsRenderer).Assembly.GetManifestResourceStream("DejaVuSans.ttf")
            ?? throw new InvalidOperationException("The embedded font DejaVuSans.ttf is missing from the build.");
        return SKTypeface.FromStream(font) ?? throw new InvalidOperationException("The embedded font DejaVuSans.ttf could not be read.");
    });

    public static byte[] Render(StatsPicture picture)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        DrawCalendar(canvas, picture);
        DrawTopics(canvas, picture.Topics);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>The first day (a Monday) the calendar shows.</summary>
    internal static DateOnly FirstDay(DateOnly today) => today.AddDays(-(((int)today.DayOfWeek + 6) % 7) - 7 * (Weeks - 1));

    /// <summary>The top-left corner of a day's cell.</summary>
    internal static (int X, int Y) CellOf(DateOnly today, DateOnly day)
    {
        var offset = day.DayNumber - FirstDay(today).DayNumber;
        return (CalendarLeft + offset / 7 * Step, CalendarTop + offset % 7 * Step);
    }

    internal static SKColor Level(int count) => Levels[count switch
    {
        <= 0 => 0,
        1 => 1,
        2 => 2,
        <= 4 => 3,
        _ => 4,
    }];

    internal static SKColor BarColour(int score) => score < 40 ? Weak : score < 70 ? Fair : Strong;

    private static void DrawCalendar(SKCanvas canvas, StatsPicture picture)
    {
        var total = picture.Activity.Where(a => a.Key >= FirstDay(picture.Today) && a.Key <= picture.Today).Sum(a => a.Value);
        Text(canvas, $"Practice in the last 26 weeks: {total} answers and grades (UTC days)", 24, 36, 18, Ink);
        foreach (var (label, row) in new[] { ("Mon", 0), ("Wed", 2), ("Fri", 4) })
        {
            Text(canvas, label, 24, CalendarTop + row * Step + 13, 12, Muted);
        }
        using var paint = new SKPaint { IsAntialias = false };
        var first = FirstDay(picture.Today);
        var month = -1;
        for (var day = first; day <= picture.Today; day = day.AddDays(1))
        {
            var (x, y) = CellOf(picture.Today, day);
            if (day.Month != month && day.DayOfWeek == DayOfWeek.Monday)
            {
                month = day.Month;
                Text(canvas, day.ToString("MMM", CultureInfo.InvariantCulture), x, CalendarTop - 8, 12, Muted);
            }
            paint.Color = Level(picture.Activity.GetValueOrDefault(day));
            canvas.DrawRect(x, y, Cell, Cell, paint);
        }
        var legendY = CalendarTop + 7 * Step + 16;
        Text(canvas, "Less", CalendarLeft, legendY + 12, 12, Muted);
        for (var i = 0; i < Levels.Length; i++)
        {
            paint.Color = Levels[i];
            canvas.DrawRect(CalendarLeft + 36 + i * Step, legendY, Cell, Cell, paint);
        }
        Text(canvas, "More", CalendarLeft + 40 + Levels.Length * Step, legendY + 12, 12, Muted);
    }

    private static void DrawTopics(SKCanvas canvas, IReadOnlyList<TopicMastery> topics)
    {
        Text(canvas, "Topic mastery (0–100), weakest first", 24, BarsTop - 14, 18, Ink);
        if (topics.Count == 0)
        {
            Text(canvas, "No topics yet: answer a question, then grade yourself against its rubric.", 24, BarsTop + 18, 14, Muted);
            return;
        }
        using var paint = new SKPaint { IsAntialias = false };
        foreach (var (topic, row) in topics.Take(MaxTopics).Select((t, i) => (t, i)))
        {
            var y = BarsTop + row * BarStep;
            Text(canvas, topic.Topic.Length <= 26 ? topic.Topic : topic.Topic[..25] + "…", 24, y + 14, 14, Ink);
            paint.Color = Track;
            canvas.DrawRect(BarLeft, y, BarWidth, BarHeight, paint);
            paint.Color = BarColour(topic.Score);
            canvas.DrawRect(BarLeft, y, BarWidth * topic.Score / 100, BarHeight, paint);
            Text(canvas, $"{topic.Score}  ({topic.Graded} graded of {topic.Seen} seen)", BarLeft + BarWidth + 10, y + 14, 12, Muted);
        }
    }

    private static void Text(SKCanvas canvas, string text, float x, float y, float size, SKColor colour)
    {
        using var font = new SKFont(Typeface.Value, size) { Edging = SKFontEdging.Antialias, Hinting = SKFontHinting.None, Subpixel = false };
        using var paint = new SKPaint { Color = colour, IsAntialias = true };
        canvas.DrawText(text, x, y, SKTextAlign.Left, font, paint);
    }
}
