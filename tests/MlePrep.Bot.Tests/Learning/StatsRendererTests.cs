using MlePrep.Bot.Learning;
using SkiaSharp;

namespace MlePrep.Bot.Tests.Learning;

public sealed class StatsRendererTests
{
    private static readonly DateOnly Today = new(2026, 12, 1); // a Tuesday

    private static StatsPicture Picture() => new(
        Today,
        new Dictionary<DateOnly, int> { [Today] = 5, [Today.AddDays(-1)] = 1, [Today.AddDays(-30)] = 2, [Today.AddDays(-400)] = 9 },
        [new TopicMastery("llm", 4, 0, 1, 3), new TopicMastery("python", 6, 5, 0, 0)]);

    private static SKBitmap Decode(byte[] png) => SKBitmap.Decode(png) ?? throw new InvalidOperationException("not a PNG");

    private static SKColor Centre(SKBitmap bitmap, (int X, int Y) cell) => bitmap.GetPixel(cell.X + StatsRenderer.Cell / 2, cell.Y + StatsRenderer.Cell / 2);

    [Fact]
    public void The_same_data_gives_the_same_bytes_at_the_documented_size()
    {
        var first = StatsRenderer.Render(Picture());
        var second = StatsRenderer.Render(Picture());

        Assert.Equal(first, second);
        using var bitmap = Decode(first);
        Assert.Equal((StatsRenderer.Width, StatsRenderer.Height), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public void Calendar_cells_are_coloured_by_that_days_count_and_days_out_of_range_are_not_drawn()
    {
        using var bitmap = Decode(StatsRenderer.Render(Picture()));

        Assert.Equal(StatsRenderer.Levels[4], Centre(bitmap, StatsRenderer.CellOf(Today, Today)));
        Assert.Equal(StatsRenderer.Levels[1], Centre(bitmap, StatsRenderer.CellOf(Today, Today.AddDays(-1))));
        Assert.Equal(StatsRenderer.Levels[2], Centre(bitmap, StatsRenderer.CellOf(Today, Today.AddDays(-30))));
        Assert.Equal(StatsRenderer.Levels[0], Centre(bitmap, StatsRenderer.CellOf(Today, StatsRenderer.FirstDay(Today))));
        // Tomorrow's cell (same week, the calendar ends today) stays white.
        Assert.Equal(SKColors.White, Centre(bitmap, StatsRenderer.CellOf(Today, Today.AddDays(1))));
        // The first column starts on a Monday 26 weeks before this week's.
        Assert.Equal((DayOfWeek.Monday, new DateOnly(2026, 6, 1)), (StatsRenderer.FirstDay(Today).DayOfWeek, StatsRenderer.FirstDay(Today)));
    }

    [Fact]
    public void Each_topic_gets_a_bar_as_long_as_its_score_in_its_colour()
    {
        using var bitmap = Decode(StatsRenderer.Render(Picture()));
        var llmY = StatsRenderer.BarsTop + StatsRenderer.BarHeight / 2;
        var pythonY = llmY + StatsRenderer.BarStep;
        // llm: 100 × 0.5 / 5 = 10 → 38 px of red; python: 100 × 5 / 6 = 83 → green.
        Assert.Equal(StatsRenderer.Weak, bitmap.GetPixel(StatsRenderer.BarLeft + 2, llmY));
        Assert.Equal(StatsRenderer.Track, bitmap.GetPixel(StatsRenderer.BarLeft + StatsRenderer.BarWidth * 10 / 100 + 2, llmY));
        Assert.Equal(StatsRenderer.Strong, bitmap.GetPixel(StatsRenderer.BarLeft + StatsRenderer.BarWidth * 80 / 100, pythonY));
        Assert.Equal(StatsRenderer.Track, bitmap.GetPixel(StatsRenderer.BarLeft + StatsRenderer.BarWidth - 2, pythonY));
    }

    [Fact]
    public void Text_is_drawn_with_the_embedded_font()
    {
        using var bitmap = Decode(StatsRenderer.Render(Picture()));

        // The title's line holds dark glyph pixels: text rendered without any system font installed.
        var dark = Enumerable.Range(24, 400).SelectMany(x => Enumerable.Range(20, 20).Select(y => bitmap.GetPixel(x, y))).Count(c => c.Red < 100);
        Assert.True(dark > 200, $"{dark} dark pixels in the title");
    }
}
