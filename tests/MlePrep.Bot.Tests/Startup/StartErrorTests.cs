using Microsoft.Extensions.Options;
using MlePrep.Bot.Storage;

namespace MlePrep.Bot.Tests.Startup;

/// <summary>The bot as an operator starts it, in its own process: mistakes end it with plain lines and the agreed exit code.</summary>
[Trait("Category", "Process")]
public sealed class StartErrorTests : IDisposable
{
    private const string NoToken = "Configuration error: Discord:Token is not set. Set the environment variable Discord__Token to your bot token (Developer Portal → your application → Bot → Reset Token).";

    private readonly string _folder = Directory.CreateTempSubdirectory("mleprep-start-").FullName;

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Questions", "Fixtures", name);

    private Task<(int Code, string[] Errors)> RunBotAsync(params string[] args) =>
        BotProcess.RunAsync(_folder, [.. args, "--Storage:DatabasePath", Path.Combine(_folder, "bot.db")],
            new Dictionary<string, string?> { ["Discord__Token"] = null });

    [Fact]
    public async Task The_old_sandbox_flag_points_to_the_sandbox_program_instead_of_asking_for_a_token()
    {
        var (code, errors) = await RunBotAsync("--sandbox");

        Assert.Equal(2, code);
        Assert.Equal(["The sandbox is its own program: dotnet run --project src/MlePrep.Bot.Sandbox [-- --port 5080]"], errors);
    }

    [Fact]
    public async Task A_missing_token_is_one_line_of_advice_and_exit_code_2()
    {
        var (code, errors) = await RunBotAsync("--Questions:Path", Fixture("valid"));

        Assert.Equal(2, code);
        Assert.Equal([NoToken], errors);
    }

    [Fact]
    public async Task No_token_and_a_broken_pack_are_both_reported_without_a_stack_trace()
    {
        var (code, errors) = await RunBotAsync("--Questions:Path", Fixture("broken-files"));

        Assert.Equal(2, code);
        Assert.Equal(NoToken, errors[0]);
        Assert.StartsWith("The question bank in ", errors[1], StringComparison.Ordinal);
        Assert.Equal(
            ["a-unclosed-list.yaml:5:", "b-complex-key.yaml:3:", "c-unclosed-mapping.yaml:3:", "d-alias-loop.yaml:1:", "e-too-deep.yaml:1:"],
            errors[2..].Select(e => e[..(e.IndexOf(':', e.IndexOf(':') + 1) + 1)]));
    }

    [Fact]
    public async Task A_broken_pack_is_exit_code_3_with_its_lines_only_when_the_database_cannot_be_opened_either()
    {
        // Another bot holds the file: the database opens while the pack loads, but the pack's problems come first.
        using var held = new BotDatabase(Options.Create(new StorageOptions { DatabasePath = Path.Combine(_folder, "bot.db") }));

        var (code, errors) = await RunBotAsync("--Discord:Token", "t", "--Questions:Path", Fixture("broken-files"));

        Assert.Equal(3, code);
        Assert.StartsWith("The question bank in ", errors[0], StringComparison.Ordinal);
        Assert.DoesNotContain(errors, e => e.StartsWith("The database ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_setting_of_the_wrong_type_is_one_line_and_exit_code_2()
    {
        var (code, errors) = await RunBotAsync("--Discord:Token", "t", "--Discord:Intents", "abc", "--Questions:Path", Fixture("valid"));

        Assert.Equal(2, code);
        Assert.Equal(["Configuration error: Failed to convert configuration value 'abc' at 'Discord:Intents' to type 'System.Int32'."], errors);
    }

    [Fact]
    public async Task Shard_ids_beyond_the_shard_count_are_one_line_naming_both_settings_and_exit_code_2()
    {
        var (code, errors) = await RunBotAsync("--Discord:Token", "t", "--Discord:ShardCount", "2", "--Discord:ShardIds", "0-2", "--Questions:Path", Fixture("valid"));

        Assert.Equal(2, code);
        Assert.Equal(["Configuration error: Discord:ShardIds lists shard 2, but Discord:ShardCount is 2, so shard ids go from 0 to 1."], errors);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
