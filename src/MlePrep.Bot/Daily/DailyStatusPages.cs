using System.Text;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Daily;

/// <summary>
/// <c>/daily status</c> as pages: one embed per reply, schedules packed into its description without crossing
/// Discord's limits (4,096 characters of description, 6,000 for the whole embed), however many schedules a server has.
/// </summary>
public static class DailyStatusPages
{
    internal const int MaxDescription = 4096;
    internal const int MaxEmbedTotal = 6000;
    private const string Title = "Daily questions in this server";

    // Room left in the embed for the title and the footer ("Page 12 of 34 · …").
    private const int Budget = MaxEmbedTotal - 200;

    /// <summary>Splits entries into pages; an entry is never split, and one longer than a page is clipped.</summary>
    public static IReadOnlyList<string> Paginate(IReadOnlyList<string> entries)
    {
        var limit = Math.Min(MaxDescription, Budget - Title.Length);
        var pages = new List<string>();
        var page = new StringBuilder();
        foreach (var raw in entries)
        {
            var entry = raw.Length <= limit ? raw : raw[..(limit - 1)] + "…";
            var separator = page.Length == 0 ? 0 : 2;
            if (page.Length + separator + entry.Length > limit)
            {
                pages.Add(page.ToString());
                page.Clear();
                separator = 0;
            }
            page.Append(separator == 0 ? "" : "\n\n").Append(entry);
        }
        if (page.Length > 0)
        {
            pages.Add(page.ToString());
        }
        return pages;
    }

    /// <summary>Page <paramref name="number"/> (from 1; past the end shows the last) as a reply.</summary>
    public static MessagePayload Page(IReadOnlyList<string> entries, int number)
    {
        var pages = Paginate(entries);
        var index = Math.Clamp(number, 1, pages.Count) - 1;
        var footer = pages.Count == 1
            ? $"{entries.Count} schedule{(entries.Count == 1 ? "" : "s")}"
            : $"Page {index + 1} of {pages.Count} · {entries.Count} schedules" + (index + 1 < pages.Count ? $" · /daily status page:{index + 2} shows more" : "");
        return new MessagePayload
        {
            Embeds = [new Embed { Title = Title, Description = pages[index], Footer = new EmbedFooter(footer), Color = 0x5865F2 }],
        };
    }
}
