using System.Buffers.Binary;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace MlePrep.Discord.Emulator.Rest;

/// <summary>A file the bot uploaded (a <c>files[n]</c> part of a multipart/form-data request).</summary>
public sealed record RecordedUpload(int Index, string FileName, string ContentType, byte[] Content);

/// <summary>
/// File uploads (Discord's "Uploading Files"): a multipart/form-data body holds the JSON in <c>payload_json</c> and each
/// file in <c>files[n]</c>, listed in the payload's <c>attachments</c> with id n. Stored files are served like the CDN.
/// </summary>
public sealed partial class EmulatorRest
{
    /// <summary>Discord refuses a request body over 25 MiB (40005).</summary>
    internal const int MaxRequestBytes = 25 * 1024 * 1024;

    private static readonly Dictionary<string, byte[]> Signatures = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/png"] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
        ["image/jpeg"] = [0xFF, 0xD8, 0xFF],
        ["image/gif"] = "GIF8"u8.ToArray(),
    };

    private readonly Dictionary<ulong, (string ContentType, byte[] Content)> _files = [];

    /// <summary>http://127.0.0.1:{port}/, for attachment URLs; set when the emulator starts.</summary>
    internal Uri BaseUrl { get; set; } = new("http://127.0.0.1/");

    /// <summary>The bytes of a stored attachment, or null.</summary>
    public byte[]? AttachmentContent(ulong attachmentId)
    {
        lock (_state)
        {
            return _files.TryGetValue(attachmentId, out var file) ? file.Content : null;
        }
    }

    private void MapAttachments(WebApplication app) => app.MapGet(AttachmentRoute, (string attachmentId) => ServeAttachment(attachmentId));

    /// <summary>Where stored files are served (like Discord's CDN); the browser API serves the same path on the page's origin.</summary>
    internal const string AttachmentRoute = "/attachments/{channelId}/{attachmentId}/{fileName}";

    internal IResult ServeAttachment(string attachmentId)
    {
        lock (_state)
        {
            return ulong.TryParse(attachmentId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && _files.TryGetValue(id, out var file)
                ? Results.Bytes(file.Content, file.ContentType)
                : Results.NotFound();
        }
    }

    /// <summary>
    /// Splits a multipart/form-data body into its <c>payload_json</c> text and its files. An error reply for a form Discord
    /// refuses: parts that are neither, a file without a filename or content type, a content type its bytes contradict,
    /// one index twice, or a file over the attachment size limit.
    /// </summary>
    private async Task<(string Json, List<RecordedUpload> Files, Reply? Error)> ReadFormAsync(byte[] raw, MediaTypeHeaderValue type, CancellationToken ct)
    {
        var files = new List<RecordedUpload>();
        var boundary = type.Parameters.FirstOrDefault(p => p.Name.Equals("boundary", StringComparison.OrdinalIgnoreCase))?.Value?.Trim('"');
        if (string.IsNullOrEmpty(boundary))
        {
            return ("", files, Error(400, 50035, "Invalid Form Body: multipart/form-data needs a boundary."));
        }
        var json = "";
        var errors = new FormErrors();
        var reader = new MultipartReader(boundary, new MemoryStream(raw));
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || disposition.DispositionType != "form-data")
                {
                    errors.Add("", "FORM_PART_INVALID", "Every part needs a Content-Disposition of form-data.");
                    continue;
                }
                var name = disposition.Name?.Trim('"') ?? "";
                using var content = new MemoryStream();
                await section.Body.CopyToAsync(content, ct);
                if (name == "payload_json")
                {
                    json = Encoding.UTF8.GetString(content.ToArray());
                    continue;
                }
                if (!name.StartsWith("files[", StringComparison.Ordinal) || !name.EndsWith(']')
                    || !int.TryParse(name[6..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    errors.Add(name, "BASE_TYPE_INVALID", "Unknown form field: send the JSON as payload_json and files as files[n].");
                    continue;
                }
                var fileName = disposition.FileName?.Trim('"');
                var declared = section.ContentType;
                var bytes = content.ToArray();
                if (string.IsNullOrEmpty(fileName))
                {
                    errors.Add(name, "BASE_TYPE_REQUIRED", "A file part needs a filename.");
                }
                else if (!MediaTypeHeaderValue.TryParse(declared, out var media) || media.MediaType is null)
                {
                    errors.Add(name, "CONTENT_TYPE_INVALID", "A file part needs a Content-Type.");
                }
                else if (Signatures.TryGetValue(media.MediaType, out var signature) && !bytes.AsSpan().StartsWith(signature))
                {
                    errors.Add(name, "CONTENT_TYPE_INVALID", $"The file is not a {media.MediaType}.");
                }
                else if (bytes.Length > Options.AttachmentSizeLimit)
                {
                    return ("", files, Error(413, 40005, "Request entity too large"));
                }
                else if (files.Any(f => f.Index == index))
                {
                    errors.Add(name, "BASE_TYPE_INVALID", "This file index is used twice.");
                }
                else
                {
                    files.Add(new RecordedUpload(index, fileName, media.MediaType, bytes));
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            return ("", files, Error(400, 50035, "Invalid Form Body: the multipart body is malformed."));
        }
        return (json, files, errors.Any ? new Reply(400, errors.ToBody()) : null);
    }

    /// <summary>
    /// Checks a message payload against the uploads: every <c>attachments</c> entry names an uploaded file (or, on an edit, an
    /// attachment the message has), every upload is listed, and an embed image's <c>attachment://</c> names one of them.
    /// </summary>
    private static void ValidateAttachments(JsonNode? payload, IReadOnlyList<RecordedUpload> files, JsonObject? existing, FormErrors errors)
    {
        var kept = existing.Arr("attachments")?.Select(a => a.Str("id")).OfType<string>().ToHashSet() ?? [];
        var listed = new HashSet<int>();
        var names = new HashSet<string>(kept.Count == 0 ? [] : existing.Arr("attachments")!.Select(a => a.Str("filename")).OfType<string>(), StringComparer.Ordinal);
        foreach (var (i, entry) in payload.Arr("attachments").Items())
        {
            var id = entry.Str("id") ?? entry.Int("id")?.ToString(CultureInfo.InvariantCulture);
            if (id is not null && int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && files.FirstOrDefault(f => f.Index == n) is { } file)
            {
                listed.Add(n);
                names.Add(entry.Str("filename") ?? file.FileName);
            }
            else if (id is null || !kept.Contains(id))
            {
                errors.Add($"attachments.{i}.id", "ATTACHMENT_NOT_FOUND", "Unknown attachment: the id matches no files[n] of this request.");
            }
            errors.MaxLength($"attachments.{i}.description", entry.Str("description"), 1024);
        }
        if (payload.Has("attachments"))
        {
            foreach (var file in files.Where(f => !listed.Contains(f.Index)))
            {
                errors.Add($"files[{file.Index}]", "ATTACHMENT_NOT_LISTED", "The file is uploaded but not listed in attachments.");
            }
        }
        else
        {
            names.UnionWith(files.Select(f => f.FileName));
        }
        foreach (var (i, embed) in payload.Arr("embeds").Items())
        {
            if (embed.Obj("image").Str("url") is { } url && url.StartsWith("attachment://", StringComparison.Ordinal) && !names.Contains(url["attachment://".Length..]))
            {
                errors.Add($"embeds.{i}.image.url", "ATTACHMENT_NOT_FOUND", "attachment:// names no file of this message.");
            }
        }
    }

    /// <summary>
    /// Gives a message the uploads (as Discord's attachment objects, served under /attachments) and the attachments an edit
    /// keeps, and points embed images at them.
    /// </summary>
    private void Attach(JsonObject message, JsonNode payload, IReadOnlyList<RecordedUpload> files)
    {
        if (files.Count == 0 && !payload.Has("attachments"))
        {
            ResolveEmbedImages(message);
            return;
        }
        var before = message.Arr("attachments")?.OfType<JsonObject>().ToList() ?? [];
        var attachments = new JsonArray();
        var channelId = message.Str("channel_id");
        foreach (var entry in payload.Arr("attachments")?.OfType<JsonObject>() ?? files.Select(f => new JsonObject { ["id"] = f.Index.ToString(CultureInfo.InvariantCulture) }))
        {
            var id = entry.Str("id") ?? entry.Int("id")?.ToString(CultureInfo.InvariantCulture);
            if (before.FirstOrDefault(a => a.Str("id") == id) is { } kept)
            {
                attachments.Add(kept.DeepClone());
                continue;
            }
            var file = files.First(f => f.Index.ToString(CultureInfo.InvariantCulture) == id);
            var attachmentId = NextId();
            var fileName = entry.Str("filename") ?? file.FileName;
            _files[attachmentId] = (file.ContentType, file.Content);
            var url = new Uri(BaseUrl, $"attachments/{channelId}/{attachmentId}/{Uri.EscapeDataString(fileName)}").ToString();
            var attachment = new JsonObject
            {
                ["id"] = InteractionSpec.Id(attachmentId), ["filename"] = fileName, ["size"] = file.Content.Length, ["url"] = url, ["proxy_url"] = url,
                ["content_type"] = file.ContentType,
            };
            if (entry.Str("description") is { } description)
            {
                attachment["description"] = description;
            }
            if (PngSize(file) is var (width, height))
            {
                attachment["width"] = width;
                attachment["height"] = height;
            }
            attachments.Add(attachment);
        }
        message["attachments"] = attachments;
        ResolveEmbedImages(message);
    }

    // Discord rewrites attachment:// in an embed to the attachment's URL and size.
    private static void ResolveEmbedImages(JsonObject message)
    {
        foreach (var embed in message.Arr("embeds")?.OfType<JsonObject>() ?? [])
        {
            if (embed.Obj("image") is { } image && image.Str("url") is { } url && url.StartsWith("attachment://", StringComparison.Ordinal)
                && message.Arr("attachments")?.OfType<JsonObject>().FirstOrDefault(a => a.Str("filename") == url["attachment://".Length..]) is { } attachment)
            {
                image["url"] = attachment.Str("url");
                image["proxy_url"] = attachment.Str("proxy_url");
                image["width"] = attachment["width"]?.DeepClone();
                image["height"] = attachment["height"]?.DeepClone();
            }
        }
    }

    /// <summary>A PNG's width and height from its IHDR chunk.</summary>
    private static (int Width, int Height)? PngSize(RecordedUpload file) =>
        file.ContentType == "image/png" && file.Content.Length >= 24
            ? (BinaryPrimitives.ReadInt32BigEndian(file.Content.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(file.Content.AsSpan(20)))
            : null;
}
