using System.Net.Http.Headers;
using System.Text;

namespace MlePrep.Discord.Tests.Emulator;

/// <summary>The emulator takes file uploads as Discord documents them ("Uploading Files") and refuses malformed ones.</summary>
public sealed class UploadValidationTests
{
    /// <summary>A PNG signature and IHDR chunk for a 3×2 image: all the emulator reads of a PNG.</summary>
    internal static byte[] TinyPng() =>
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 3, 0, 0, 0, 2, 8, 6, 0, 0, 0, 0, 0, 0, 0];

    private static MultipartFormDataContent Form(string payloadJson, params (string Name, string? FileName, string? ContentType, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        var payload = new StringContent(payloadJson, Encoding.UTF8);
        payload.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        payload.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"payload_json\"" };
        form.Add(payload);
        foreach (var (name, fileName, contentType, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            if (contentType is not null)
            {
                part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            }
            part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = $"\"{name}\"", FileName = fileName is null ? null : $"\"{fileName}\"" };
            form.Add(part);
        }
        return form;
    }

    private const string StatsPayload = """{"content":"stats","attachments":[{"id":"0","filename":"stats.png","description":"a chart"}],"embeds":[{"image":{"url":"attachment://stats.png"}}]}""";

    [Fact]
    public async Task A_png_upload_becomes_an_attachment_served_at_its_url_and_the_embed_image_points_at_it()
    {
        await using var e = await EmulatorHttp.StartAsync();

        var answer = await e.SendContentAsync("POST", $"/channels/{e.ChannelId}/messages", Form(StatsPayload, ("files[0]", "stats.png", "image/png", TinyPng())));

        Assert.Equal(200, answer.Status);
        var attachment = answer.Body!["attachments"]![0]!;
        Assert.Equal(("stats.png", "image/png", 3, 2, "a chart"),
            ((string)attachment["filename"]!, (string)attachment["content_type"]!, (int)attachment["width"]!, (int)attachment["height"]!, (string)attachment["description"]!));
        Assert.Equal((string)attachment["url"]!, (string)answer.Body["embeds"]![0]!["image"]!["url"]!);
        using var http = new HttpClient();
        Assert.Equal(TinyPng(), await http.GetByteArrayAsync((string)attachment["url"]!));
        var recorded = e.Emulator.Rest.Requests.Single();
        Assert.Equal("stats", (string)recorded.Body!["content"]!);
        Assert.Equal((0, "stats.png", "image/png"), (recorded.Files[0].Index, recorded.Files[0].FileName, recorded.Files[0].ContentType));
    }

    public static TheoryData<string, string, (string, string?, string?, byte[]), string> Refused => new()
    {
        { "attachment id without a file", """{"attachments":[{"id":"1"}]}""", ("files[0]", "stats.png", "image/png", TinyPng()), "attachments.0.id" },
        { "file not listed", """{"content":"x","attachments":[]}""", ("files[0]", "stats.png", "image/png", TinyPng()), "files[0]" },
        { "png that is not one", StatsPayload, ("files[0]", "stats.png", "image/png", "not a png"u8.ToArray()), "files[0]" },
        { "file without a content type", StatsPayload, ("files[0]", "stats.png", null, TinyPng()), "files[0]" },
        { "file without a filename", StatsPayload, ("files[0]", null, "image/png", TinyPng()), "files[0]" },
        { "unknown form field", StatsPayload, ("file", "stats.png", "image/png", TinyPng()), "file" },
        { "embed image naming no file", """{"attachments":[{"id":"0"}],"embeds":[{"image":{"url":"attachment://other.png"}}]}""", ("files[0]", "stats.png", "image/png", TinyPng()), "embeds.0.image.url" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_malformed_upload_is_refused_with_50035_and_posts_nothing(string name, string payload, (string, string?, string?, byte[]) file, string path)
    {
        _ = name;
        await using var e = await EmulatorHttp.StartAsync();

        var answer = await e.SendContentAsync("POST", $"/channels/{e.ChannelId}/messages", Form(payload, file));

        answer.AssertFormError(path);
        Assert.Empty(e.Emulator.Rest.Messages(e.ChannelId));
    }

    [Fact]
    public async Task A_file_over_the_attachment_size_limit_is_40005()
    {
        await using var e = await EmulatorHttp.StartAsync(o => o.AttachmentSizeLimit = 64);

        var answer = await e.SendContentAsync("POST", $"/channels/{e.ChannelId}/messages",
            Form(StatsPayload, ("files[0]", "stats.png", "image/png", [.. TinyPng(), .. new byte[64]])));

        Assert.Equal((413, 40005), (answer.Status, answer.Code));
        Assert.Empty(e.Emulator.Rest.Messages(e.ChannelId));
    }

    public static TheoryData<string, string> MalformedForms => new()
    {
        { "multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"payload_json\"\r\n\r\n{}" },
        { "multipart/form-data; boundary=b", "no parts at all" },
        { "multipart/form-data", "--b\r\n" },
        // A header line past the reader's limit (16 KiB).
        { "multipart/form-data; boundary=b", $"--b\r\nContent-Disposition: form-data; name=\"{new string('x', 20_000)}\"\r\n\r\n{{}}\r\n--b--\r\n" },
    };

    [Theory]
    [MemberData(nameof(MalformedForms))]
    public async Task A_malformed_form_is_a_400_and_posts_nothing(string contentType, string body)
    {
        await using var e = await EmulatorHttp.StartAsync();
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        var answer = await e.SendContentAsync("POST", $"/channels/{e.ChannelId}/messages", content);

        Assert.Equal(400, answer.Status);
        Assert.Empty(e.Emulator.Rest.Messages(e.ChannelId));
    }

    [Fact]
    public async Task A_payload_json_that_is_not_json_is_50109()
    {
        await using var e = await EmulatorHttp.StartAsync();

        var answer = await e.SendContentAsync("POST", $"/channels/{e.ChannelId}/messages", Form("{not json", ("files[0]", "stats.png", "image/png", TinyPng())));

        Assert.Equal((400, 50109), (answer.Status, answer.Code));
    }
}
