
namespace MlePrep.Discord.Tests.Emulator;

public sealed class CommandValidationTests
{
    private static string Option(string name, int type = 3, bool? required = null, string description = "d", string extra = "") =>
        $$"""{"type":{{type}},"name":"{{name}}","description":"{{description}}"{{(required is null ? "" : $",\"required\":{required.Value.ToString().ToLowerInvariant()}")}}{{extra}}}""";

    private static string Command(string options = "", string name = "daily", string description = "Daily questions", string extra = "") =>
        $$"""[{"name":"{{name}}","description":"{{description}}"{{(options.Length > 0 ? $",\"options\":[{options}]" : "")}}{{extra}}}]""";

    private static string Choices(int n, int valueLength = 5) =>
        $",\"choices\":[{string.Join(',', Enumerable.Range(0, n).Select(i => $"{{\"name\":\"n{i}\",\"value\":\"{new string('v', valueLength)}\"}}"))}]";

    public static TheoryData<string, string, string> Invalid => new()
    {
        { "uppercase name", Command(name: "Daily"), "0.name" },
        { "name with a space", Command(name: "daily question"), "0.name" },
        { "name of 33", Command(name: new string('a', 33)), "0.name" },
        { "empty description", Command(description: ""), "0.description" },
        { "description of 101", Command(description: new string('d', 101)), "0.description" },
        { "26 options", Command(string.Join(',', Enumerable.Range(0, 26).Select(i => Option($"o{i}")))), "0.options" },
        { "required after optional", Command($"{Option("a", required: false)},{Option("b", required: true)}"), "0.options.1.required" },
        { "duplicate option names", Command($"{Option("a")},{Option("a")}"), "0.options.1.name" },
        { "uppercase option name", Command(Option("Time")), "0.options.0.name" },
        { "option description of 101", Command(Option("a", description: new string('d', 101))), "0.options.0.description" },
        { "26 choices", Command(Option("a", extra: Choices(26))), "0.options.0.choices" },
        { "empty choice name", Command(Option("a", extra: ",\"choices\":[{\"name\":\"\",\"value\":\"v\"}]")), "0.options.0.choices.0.name" },
        { "choice value of 101", Command(Option("a", extra: Choices(1, valueLength: 101))), "0.options.0.choices.0.value" },
        { "choices with autocomplete", Command(Option("a", extra: Choices(2) + ",\"autocomplete\":true")), "0.options.0.autocomplete" },
        { "sub-command in a sub-command", Command(Option("set", type: 1, extra: $",\"options\":[{Option("inner", type: 1)}]")), "0.options.0.options" },
        { "option in a group", Command(Option("grp", type: 2, extra: $",\"options\":[{Option("a")}]")), "0.options.0.options" },
        { "sub-commands mixed with options", Command($"{Option("set", type: 1)},{Option("a")}"), "0.options" },
        { "numeric permissions", Command(extra: ",\"default_member_permissions\":32"), "0.default_member_permissions" },
        { "unknown context", Command(extra: ",\"contexts\":[7]"), "0.contexts.0" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Invalid_commands_are_rejected_with_50035(string name, string json, string path)
    {
        _ = name;
        await using var e = await EmulatorHttp.StartAsync();

        var answer = await e.SendAsync("PUT", $"/applications/{e.AppId}/commands", json);

        answer.AssertFormError(path);
        Assert.Empty(e.Emulator.Rest.Commands());
    }

    [Fact]
    public async Task More_than_100_chat_input_commands_are_30032()
    {
        await using var e = await EmulatorHttp.StartAsync();
        var json = $"[{string.Join(',', Enumerable.Range(0, 101).Select(i => $"{{\"name\":\"c{i}\",\"description\":\"d\"}}"))}]";

        var answer = await e.SendAsync("PUT", $"/applications/{e.AppId}/commands", json);

        Assert.Equal((400, 30032), (answer.Status, answer.Code));
    }

    [Fact]
    public async Task A_valid_overwrite_returns_ids_application_id_and_version_and_keeps_ids_by_name()
    {
        await using var e = await EmulatorHttp.StartAsync();
        var json = Command(
            $"{Option("set", type: 1, extra: $",\"options\":[{Option("time", required: true)},{Option("timezone", required: false, extra: ",\"autocomplete\":true")}]")},"
            + Option("stop", type: 1),
            extra: ",\"default_member_permissions\":\"32\",\"contexts\":[0]");
        var path = $"/applications/{e.AppId}/guilds/{e.GuildId}/commands";

        var first = await e.SendAsync("PUT", path, json);
        var second = await e.SendAsync("PUT", path, json);

        Assert.Equal(200, first.Status);
        var command = first.Body!.AsArray()[0]!;
        Assert.Equal(e.AppId.ToString(System.Globalization.CultureInfo.InvariantCulture), command["application_id"]!.GetValue<string>());
        Assert.Equal(e.GuildId.ToString(System.Globalization.CultureInfo.InvariantCulture), command["guild_id"]!.GetValue<string>());
        Assert.Equal(command["id"]!.GetValue<string>(), second.Body!.AsArray()[0]!["id"]!.GetValue<string>());
        Assert.NotEqual(command["version"]!.GetValue<string>(), second.Body.AsArray()[0]!["version"]!.GetValue<string>());
        Assert.Equal("daily", Assert.Single(e.Emulator.Rest.Commands(e.GuildId)).Name);
        Assert.Empty(e.Emulator.Rest.Commands());
    }

    [Fact]
    public async Task Guild_commands_for_a_guild_the_bot_is_not_in_are_refused()
    {
        await using var e = await EmulatorHttp.StartAsync();

        var answer = await e.SendAsync("PUT", $"/applications/{e.AppId}/guilds/1234567890123456789/commands", "[]");

        Assert.Equal((403, 50001), (answer.Status, answer.Code));
    }
}
