using MlePrep.Discord.Emulator.Rest;
using MlePrep.Discord.Rest;
using MlePrep.Discord.Tests.Emulator;

namespace MlePrep.Discord.Tests.Rest;

/// <summary>The client uploads files as multipart/form-data (payload_json + files[n]) on every route a reply can take.</summary>
public sealed class UploadTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static MessagePayload Stats(string content) => new()
    {
        Content = content,
        Embeds = [new Embed { Title = "stats", Image = new EmbedImage("attachment://stats.png") }],
        Files = [new FileUpload("stats.png", "image/png", UploadValidationTests.TinyPng()) { Description = "a chart" }],
    };

    private static void AssertUpload(RecordedRequest request, Func<System.Text.Json.Nodes.JsonNode, System.Text.Json.Nodes.JsonNode> payload)
    {
        Assert.StartsWith("multipart/form-data; boundary=", request.Headers["Content-Type"]);
        var file = Assert.Single(request.Files);
        Assert.Equal((0, "stats.png", "image/png"), (file.Index, file.FileName, file.ContentType));
        Assert.Equal(UploadValidationTests.TinyPng(), file.Content);
        var attachment = Assert.Single(payload(request.Body!)["attachments"]!.AsArray())!;
        Assert.Equal(("0", "stats.png", "a chart"), ((string)attachment["id"]!, (string)attachment["filename"]!, (string)attachment["description"]!));
    }

    [Fact]
    public async Task A_callback_a_follow_up_and_an_edit_of_the_original_each_upload_their_file()
    {
        await using var h = await RestHarness.StartAsync();
        var first = await h.Emulator.Rest.InjectInteractionAsync(InteractionSpec.SlashCommand("stats").InGuild(h.GuildId, h.ChannelId), Ct);
        var deferred = await h.Emulator.Rest.InjectInteractionAsync(InteractionSpec.SlashCommand("stats").InGuild(h.GuildId, h.ChannelId), Ct);

        await h.Client.RespondAsync(first.Id, first.Token, InteractionResponse.Message(Stats("callback") with { Flags = MessageFlags.Ephemeral }), Ct);
        var followup = await h.Client.CreateFollowupAsync(h.ApplicationId, first.Token, Stats("followup"), Ct);
        await h.Client.RespondAsync(deferred.Id, deferred.Token, InteractionResponse.Deferred(ephemeral: true), Ct);
        var edited = await h.Client.EditOriginalResponseAsync(h.ApplicationId, deferred.Token, Stats("edited"), Ct);

        var requests = h.Emulator.Rest.Requests;
        Assert.All(requests, r => Assert.InRange(r.Status, 200, 204));
        AssertUpload(requests[0], body => body["data"]!);
        AssertUpload(requests[1], body => body);
        AssertUpload(requests[3], body => body);
        var original = await first.WaitForOriginalAsync();
        foreach (var message in new[] { original, followup, edited })
        {
            var attachment = Assert.Single(message.Attachments);
            Assert.Equal(("stats.png", 3, 2), (attachment.Filename, attachment.Width, attachment.Height));
            Assert.Equal(attachment.Url, message.Embeds[0].Image!.Url);
            Assert.Equal(UploadValidationTests.TinyPng(), h.Emulator.Rest.AttachmentContent(attachment.Id));
        }
    }

    [Fact]
    public async Task The_form_names_its_parts_as_discord_documents()
    {
        var form = await Multipart.Content("""{"content":"x"}"""u8.ToArray(), Stats("x").Files!).ReadAsStringAsync();

        Assert.Contains("Content-Disposition: form-data; name=\"payload_json\"\r\n", form);
        Assert.Contains("Content-Type: application/json\r\n", form);
        Assert.Contains("Content-Disposition: form-data; name=\"files[0]\"; filename=\"stats.png\"\r\n", form);
        Assert.Contains("Content-Type: image/png\r\n", form);
    }

    [Fact]
    public void A_file_name_that_cannot_travel_in_a_header_is_refused_before_sending()
    {
        Assert.Throws<ArgumentException>(() => new FileUpload("stats\".png", "image/png", UploadValidationTests.TinyPng()));
    }
}
