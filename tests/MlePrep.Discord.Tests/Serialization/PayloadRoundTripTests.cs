using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;
using MlePrep.Discord.Serialization;

namespace MlePrep.Discord.Tests.Serialization;

/// <summary>
/// Realistic payloads (Samples/*.json) through <see cref="DiscordJsonContext"/>: everything the records model must come
/// back out unchanged (snowflakes as strings, timestamps as the same instant), unknown fields are ignored, and a second
/// round trip is stable.
/// </summary>
public sealed class PayloadRoundTripTests
{
    public static TheoryData<string> InteractionSamples =>
        ["guild_slash_command.json", "dm_slash_command.json", "button_click.json", "modal_submit_label.json", "modal_submit_action_row.json", "autocomplete.json"];

    [Theory]
    [MemberData(nameof(InteractionSamples))]
    public void Interactions_round_trip(string sample) => AssertRoundTrip(sample, DiscordJsonContext.Default.Interaction);

    [Fact]
    public void A_message_round_trips() => AssertRoundTrip("message.json", DiscordJsonContext.Default.Message);

    [Fact]
    public void The_guild_command_reads_member_permissions_and_options()
    {
        var interaction = Read("guild_slash_command.json", DiscordJsonContext.Default.Interaction);

        Assert.Equal(InteractionType.ApplicationCommand, interaction.Type);
        Assert.Equal(2251799813685247UL, interaction.Member!.Permissions);
        Assert.Equal("mason", interaction.Invoker.Username);
        var data = interaction.Data!;
        Assert.Equal(["set"], data.SubcommandPath());
        Assert.Equal("3", data.OptionText("count"));
        Assert.Equal(2248473465835073UL, interaction.AppPermissions);
    }

    [Fact]
    public void The_dm_command_has_its_invoker_in_user()
    {
        var interaction = Read("dm_slash_command.json", DiscordJsonContext.Default.Interaction);

        Assert.Null(interaction.Member);
        Assert.Equal("ana.k", interaction.Invoker.Username);
        Assert.Equal("statistics", interaction.Data!.OptionText("topic"));
    }

    [Fact]
    public void The_button_click_carries_its_message()
    {
        var interaction = Read("button_click.json", DiscordJsonContext.Default.Interaction);

        Assert.Equal("answer:Q42", interaction.Data!.CustomId);
        Assert.Equal("answer:Q42", interaction.Message!.Components![0].Components![0].CustomId);
    }

    [Theory]
    [InlineData("modal_submit_label.json")]
    [InlineData("modal_submit_action_row.json")]
    public void Both_modal_shapes_give_the_same_values(string sample)
    {
        var interaction = Read(sample, DiscordJsonContext.Default.Interaction);

        Assert.Equal("TPR against FPR over thresholds", interaction.Data!.ModalValues()["answer"]);
    }

    [Fact]
    public void Autocomplete_has_a_focused_partial_option()
    {
        var interaction = Read("autocomplete.json", DiscordJsonContext.Default.Interaction);

        Assert.Equal("Europe/Be", interaction.Data!.FocusedOption()!.Text);
    }

    [Fact]
    public void The_message_reads_embeds_components_and_thread()
    {
        var message = Read("message.json", DiscordJsonContext.Default.Message);

        Assert.Equal("Daily question", message.Embeds[0].Title);
        Assert.Equal((int)ButtonStyle.Link, message.Components![0].Components![1].Style);
        Assert.Equal(1345027906669510667UL, message.Thread!.ParentId);
        Assert.Equal("daily-1345027906669510667", message.Nonce);
    }

    [Fact]
    public void Outgoing_payloads_use_snake_case_strings_for_ids_and_leave_nulls_out()
    {
        var json = JsonSerializer.SerializeToNode(
            InteractionResponse.Message(new MessagePayload { Content = "hi", AllowedMentions = AllowedMentions.OnlyRole(1339082325061836999) }),
            DiscordJsonContext.Default.InteractionResponse)!;

        Assert.Equal("""{"type":4,"data":{"content":"hi","allowed_mentions":{"parse":[],"roles":["1339082325061836999"]}}}""", json.ToJsonString());
    }

    private static T Read<T>(string sample, JsonTypeInfo<T> type) => JsonSerializer.Deserialize(Sample(sample), type)!;

    private static void AssertRoundTrip<T>(string sample, JsonTypeInfo<T> type)
    {
        var input = JsonNode.Parse(Sample(sample))!;
        var output = JsonSerializer.SerializeToNode(JsonSerializer.Deserialize(input, type)!, type)!;

        AssertSubset(output, input, "$");
        var again = JsonSerializer.SerializeToNode(JsonSerializer.Deserialize(output, type)!, type)!;
        Assert.True(JsonNode.DeepEquals(output, again), $"second round trip differs:\n{output.ToJsonString()}\n{again.ToJsonString()}");
    }

    // Everything written must have been read: same structure, same values (a snowflake may go from number to string).
    private static void AssertSubset(JsonNode? written, JsonNode? read, string path)
    {
        switch (written)
        {
            case JsonObject o:
                var source = Assert.IsType<JsonObject>(read, exactMatch: false);
                foreach (var (key, value) in o)
                {
                    Assert.True(source.ContainsKey(key), $"{path}.{key} was written but not in the sample");
                    AssertSubset(value, source[key], $"{path}.{key}");
                }
                break;
            case JsonArray a:
                var items = Assert.IsType<JsonArray>(read, exactMatch: false);
                Assert.True(a.Count == items.Count, $"{path}: {a.Count} items written, {items.Count} read");
                for (var i = 0; i < a.Count; i++)
                {
                    AssertSubset(a[i], items[i], $"{path}[{i}]");
                }
                break;
            case null:
                Assert.True(read is null, $"{path}: null written for {read?.ToJsonString()}");
                break;
            default:
                Assert.True(SameValue(written.AsValue(), read?.AsValue()), $"{path}: wrote {written.ToJsonString()}, read {read?.ToJsonString()}");
                break;
        }
    }

    private static bool SameValue(JsonValue written, JsonValue? read)
    {
        if (read is null)
        {
            return false;
        }
        var w = written.GetValueKind() == JsonValueKind.String ? written.GetValue<string>() : written.ToJsonString();
        var r = read.GetValueKind() == JsonValueKind.String ? read.GetValue<string>() : read.ToJsonString();
        if (w == r)
        {
            return true;
        }
        return DateTimeOffset.TryParse(w, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wt)
            && DateTimeOffset.TryParse(r, CultureInfo.InvariantCulture, DateTimeStyles.None, out var rt) && wt == rt;
    }

    private static string Sample(string name, [CallerFilePath] string here = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(here)!, "Samples", name));
}
