namespace MlePrep.Discord.Rest;

/// <summary>An embed.</summary>
public sealed record Embed
{
    /// <summary>Title, ≤ 256.</summary>
    public string? Title { get; init; }
    /// <summary>Description, ≤ 4096.</summary>
    public string? Description { get; init; }
    /// <summary>Link of the title.</summary>
    public string? Url { get; init; }
    /// <summary>Colour as 0xRRGGBB.</summary>
    public int? Color { get; init; }
    /// <summary>Timestamp shown in the footer.</summary>
    public DateTimeOffset? Timestamp { get; init; }
    /// <summary>Footer.</summary>
    public EmbedFooter? Footer { get; init; }
    /// <summary>Author line.</summary>
    public EmbedAuthor? Author { get; init; }
    /// <summary>Up to 25 fields.</summary>
    public IReadOnlyList<EmbedField>? Fields { get; init; }
    /// <summary>A large image; <c>attachment://name</c> shows a file uploaded with the message.</summary>
    public EmbedImage? Image { get; init; }
}

/// <summary>Embed footer.</summary>
public sealed record EmbedFooter(string Text);

/// <summary>Embed author.</summary>
public sealed record EmbedAuthor(string Name);

/// <summary>Embed field.</summary>
public sealed record EmbedField(string Name, string Value, bool? Inline = null);
