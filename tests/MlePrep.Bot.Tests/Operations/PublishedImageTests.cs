using System.Diagnostics;
using System.Text.RegularExpressions;
using MlePrep.Bot.Emulated;
using MlePrep.Discord.Emulator;
using MlePrep.Discord.Emulator.Rest;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Tests.Operations;

/// <summary>
/// What the Docker image runs, without a Docker engine: the Dockerfile's own <c>dotnet restore</c> and
/// <c>dotnet publish</c> lines (read from the Dockerfile, so the two cannot drift) into a temporary folder, started as
/// the image starts it (its ENV, a /data-like folder, the shipped questions), as an unprivileged user when the tests run
/// as root, against the emulator. The image's HEALTHCHECK command flips from 1 to 0 once the bot is up, and the bot
/// answers /question.
/// </summary>
[Trait("Category", "Process")]
public sealed partial class PublishedImageTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mleprep-image-").FullName;
    private DiscordEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await DiscordEmulator.StartAsync();

    [Fact]
    public async Task The_published_app_reaches_ready_answers_question_and_its_healthcheck_flips_from_1_to_0()
    {
        var dockerfile = await File.ReadAllTextAsync(Path.Combine(BotRepository.Root, "Dockerfile"));
        var restore = RestoreLine().Match(dockerfile);
        Assert.True(restore.Success, "the Dockerfile has no `dotnet restore` line");
        var publish = PublishLine().Match(dockerfile);
        Assert.True(publish.Success, "the Dockerfile has no `dotnet publish … -o /app` line");
        Assert.Contains("HEALTHCHECK", dockerfile);
        Assert.Contains("\"health\"", HealthCheckLine().Match(dockerfile).Value);
        var app = Path.Combine(_folder, "app");
        // Its own obj/bin: other tests run the repository's build of the bot meanwhile. The publish may skip the restore
        // (--no-restore), as in the image: the restore line runs first, into the same folder.
        string[] artifacts = ["--artifacts-path", Path.Combine(_folder, "artifacts")];
        var (code, output) = await RunAsync("dotnet", BotRepository.Root, null, ["restore", .. Words(restore), .. artifacts]);
        Assert.True(code == 0, output);
        (code, output) = await RunAsync("dotnet", BotRepository.Root, null, ["publish", .. Words(publish), "-o", app, .. artifacts]);
        Assert.True(code == 0, output);
        CopyFolder(Path.Combine(BotRepository.Root, "questions"), Path.Combine(app, "questions"));
        var data = Directory.CreateDirectory(Path.Combine(_folder, "data")).FullName;
        // The image's non-root user owns /data; here every user may write the stand-in, and read the app.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_folder, (UnixFileMode)Convert.ToInt32("755", 8));
            File.SetUnixFileMode(data, (UnixFileMode)Convert.ToInt32("777", 8));
        }

        var guild = _emulator.Rest.AddGuild("Study server");
        var channel = _emulator.Rest.AddChannel(guild, ChannelTypes.GuildText, "interview-prep");
        var environment = EmulatedBot.Settings(_emulator, guild, Path.Combine(data, "mleprep.db"))
            .ToDictionary(e => e.Key.Replace(":", "__", StringComparison.Ordinal), e => e.Value);
        environment["Questions__Path"] = Path.Combine(app, "questions");

        var (before, beforeText) = await RunAsync("dotnet", app, environment, ["MlePrep.Bot.dll", "health"]);
        Assert.True(before == 1, beforeText);

        var readiness = EmulatorReadiness.Before(_emulator);
        using var bot = Start(app, environment, ["MlePrep.Bot.dll"]);
        try
        {
            await readiness.WaitAsync();
            var injected = await _emulator.Rest.InjectInteractionAsync(InteractionSpec.SlashCommand("question").InGuild(guild, channel, InteractionSpec.MemberPermissions).By(1_200_000_000_000_000_100, "member"));
            var reply = await injected.Callback.WaitAsync(TimeSpan.FromSeconds(15));
            Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, reply.Type);

            // The status file is rewritten every 5 s; the first write may still lack the scheduler or the gateway.
            var healthy = Stopwatch.StartNew();
            int after;
            string afterText;
            do
            {
                (after, afterText) = await RunAsync("dotnet", app, environment, ["MlePrep.Bot.dll", "health"]);
            }
            while (after != 0 && healthy.Elapsed < TimeSpan.FromSeconds(30) && !bot.HasExited);
            Assert.True(after == 0, afterText);
            Assert.StartsWith("ready", afterText, StringComparison.Ordinal);
        }
        finally
        {
            bot.Kill(entireProcessTree: true);
            await bot.WaitForExitAsync();
        }
    }

    [GeneratedRegex(@"RUN dotnet restore (?<args>.+)")]
    private static partial Regex RestoreLine();

    [GeneratedRegex(@"RUN dotnet publish (?<args>.+?) -o /app")]
    private static partial Regex PublishLine();

    private static string[] Words(Match line) => line.Groups["args"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex(@"HEALTHCHECK.*")]
    private static partial Regex HealthCheckLine();

    // As root, the app runs as "nobody", like the image's non-root user.
    private static ProcessStartInfo Command(string program, string directory, IReadOnlyDictionary<string, string?>? environment, string[] args)
    {
        var asNobody = environment is not null && Environment.UserName == "root" && File.Exists("/usr/bin/setpriv");
        var start = asNobody
            ? new ProcessStartInfo("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", program, .. args])
            : new ProcessStartInfo(program, args);
        start.WorkingDirectory = directory;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        if (asNobody)
        {
            // The SDK's first-run files would go to root's home.
            start.Environment["HOME"] = Path.GetTempPath();
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }
        return start;
    }

    private static Process Start(string directory, IReadOnlyDictionary<string, string?> environment, string[] args)
    {
        var process = Process.Start(Command("dotnet", directory, environment, args))!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<(int Code, string Output)> RunAsync(string program, string directory, IReadOnlyDictionary<string, string?>? environment, string[] args)
    {
        using var process = Process.Start(Command(program, directory, environment, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        return (process.ExitCode, await output + await errors);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
