using System.Text.Json;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Serialization;

namespace MlePrep.Discord.Tests.Interactions;

public sealed class InteractionDataTests
{
    private static InteractionData Parse(string json) =>
        JsonSerializer.Deserialize(json, DiscordJsonContext.Default.Interaction)!.Data!;

    [Fact]
    public void Modal_values_are_read_from_the_legacy_action_row_shape()
    {
        var data = Parse("""
            {"id":"1","application_id":"2","type":5,"token":"t","version":1,
             "data":{"custom_id":"answer:Q1","components":[{"type":1,"components":[{"type":4,"custom_id":"text","value":"my answer"}]}]}}
            """);

        Assert.Equal("my answer", data.ModalValues()["text"]);
    }

    [Fact]
    public void Modal_values_are_read_from_the_label_shape()
    {
        var data = Parse("""
            {"id":"1","application_id":"2","type":5,"token":"t","version":1,
             "data":{"custom_id":"answer:Q1","components":[{"type":18,"id":1,"component":{"type":4,"id":2,"custom_id":"text","value":"labelled"}},{"type":10,"id":3,"content":"hi"}]}}
            """);

        Assert.Equal("labelled", data.ModalValues()["text"]);
    }

    [Fact]
    public void Subcommand_path_and_leaf_options_unwrap_groups()
    {
        var data = Parse("""
            {"id":"1","application_id":"2","type":2,"token":"t","version":1,
             "data":{"id":"3","name":"daily","type":1,"options":[{"name":"set","type":1,"options":[
               {"name":"time","type":3,"value":"09:00"},{"name":"timezone","type":3,"value":"Europe/Berlin","focused":true}]}]}}
            """);

        Assert.Equal(["set"], data.SubcommandPath());
        Assert.Equal("09:00", data.OptionText("time"));
        Assert.Equal("timezone", data.FocusedOption()!.Name);
        Assert.Null(data.OptionText("channel"));
    }
}
