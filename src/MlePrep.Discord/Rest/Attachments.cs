namespace MlePrep.Discord.Rest;

/// <summary>
/// A file sent with a message: uploaded as the multipart/form-data part <c>files[n]</c> (n its position), listed in the
/// payload's <c>attachments</c> with id n, and shown by an embed that names <see cref="Url"/> (Discord's "Uploading Files").
/// </summary>
public sealed record FileUpload
{
    /// <param name="fileName">Letters, digits, '.', '_' and '-' only: it travels in a quoted header and in <c>attachment://</c> URLs.</param>
    /// <param name="contentType">The part's media type, e.g. <c>image/png</c>.</param>
    /// <param name="content">The file's bytes.</param>
    public FileUpload(string fileName, string contentType, ReadOnlyMemory<byte> content)
    {
        if (fileName.Length is 0 or > 100 || !fileName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            throw new ArgumentException($"'{fileName}' is not a safe attachment file name (1–100 of A–Z, a–z, 0–9, '.', '_', '-').", nameof(fileName));
        }
        FileName = fileName;
        ContentType = contentType;
        Content = content;
    }

    /// <summary>The name Discord shows and <c>attachment://</c> URLs refer to.</summary>
    public string FileName { get; }

    /// <summary>The part's Content-Type.</summary>
    public string ContentType { get; }

    /// <summary>The bytes uploaded.</summary>
    public ReadOnlyMemory<byte> Content { get; }

    /// <summary>Alt text (≤ 1024 characters), sent in the <c>attachments</c> entry.</summary>
    public string? Description { get; init; }

    /// <summary><c>attachment://{FileName}</c>: how an embed's image refers to this upload.</summary>
    public string Url => $"attachment://{FileName}";

    /// <summary>The <c>attachments</c> entries for <paramref name="files"/>: id n for <c>files[n]</c>; null when there are none.</summary>
    internal static IReadOnlyList<AttachmentRequest>? Requests(IReadOnlyList<FileUpload>? files) =>
        files is { Count: > 0 } ? files.Select((f, n) => new AttachmentRequest(n.ToString(System.Globalization.CultureInfo.InvariantCulture), f.FileName, f.Description)).ToArray() : null;
}

/// <summary>An element of a request's <c>attachments</c> array (SPEC <c>MessageAttachmentRequest</c>): for a new file, id n matches <c>files[n]</c>.</summary>
public sealed record AttachmentRequest(string Id, string Filename, string? Description);

/// <summary>An attachment of a message, as Discord returns it.</summary>
public sealed record Attachment
{
    /// <summary>Attachment id.</summary>
    public required ulong Id { get; init; }
    /// <summary>File name.</summary>
    public required string Filename { get; init; }
    /// <summary>Alt text.</summary>
    public string? Description { get; init; }
    /// <summary>Media type.</summary>
    public string? ContentType { get; init; }
    /// <summary>Size in bytes.</summary>
    public int Size { get; init; }
    /// <summary>Where the file can be fetched.</summary>
    public required string Url { get; init; }
    /// <summary>Image height in pixels, for images.</summary>
    public int? Height { get; init; }
    /// <summary>Image width in pixels, for images.</summary>
    public int? Width { get; init; }
}

/// <summary>An embed's image.</summary>
public sealed record EmbedImage(string Url);

/// <summary>A body either as JSON or, with files, as multipart/form-data with the JSON in <c>payload_json</c>.</summary>
internal static class Multipart
{
    public static HttpContent Content(byte[] json, IReadOnlyList<FileUpload> files)
    {
        var form = new MultipartFormDataContent();
        form.Add(Part(new ByteArrayContent(json), "application/json", "payload_json", fileName: null));
        for (var n = 0; n < files.Count; n++)
        {
            var file = files[n];
            form.Add(Part(new ReadOnlyMemoryContent(file.Content), file.ContentType, $"files[{n}]", file.FileName));
        }
        return form;
    }

    // Set by hand: the framework's defaults leave the name unquoted (brackets are not token characters) and add a filename*.
    private static HttpContent Part(HttpContent content, string contentType, string name, string? fileName)
    {
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        content.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("form-data")
        {
            Name = $"\"{name}\"",
            FileName = fileName is null ? null : $"\"{fileName}\"",
        };
        return content;
    }
}
