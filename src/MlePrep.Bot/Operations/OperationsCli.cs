using System.Buffers.Text;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using MlePrep.Bot.Questions;
using MlePrep.Discord;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Operations;

/// <summary>
/// <c>health</c>, <c>backup &lt;file&gt;</c>, <c>restore &lt;file&gt;</c> and <c>doctor</c>: the operator's commands,
/// run against the same settings as the bot (further arguments are settings, e.g. <c>--Storage:DatabasePath x</c>).
/// Exit codes: 0 done/healthy, 1 not (the output says why), 64 usage.
/// </summary>
public static class OperationsCli
{
    public static bool Handles(string[] args) => args is ["health" or "backup" or "restore" or "doctor", ..];

    /// <summary>The settings arguments after the command (and its file).</summary>
    public static string[] HostArgs(string[] args) => args is ["backup" or "restore", _, .. var rest] ? rest : args[1..];

    // checkConfiguration: the bot's own start-up checks (settings, question bank): 0 or its exit code, lines to the writer.
    public static async Task<int> RunAsync(string[] args, IServiceProvider services, Func<TextWriter, int> checkConfiguration, TextWriter output, TextWriter errors)
    {
        var database = services.GetRequiredService<IDatabaseOperations>();
        var options = services.GetRequiredService<IOptions<OperationsOptions>>().Value;
        switch (args)
        {
            case ["health", ..]:
                return HealthStatus.Check(options.StatusFile(database.DatabasePath), DateTimeOffset.UtcNow, output);
            case ["backup" or "restore"] or ["backup" or "restore", "", ..]:
                errors.WriteLine($"Usage: {args[0]} <file> [--Storage:DatabasePath <database>]");
                return 64;
            case ["backup", var file, ..]:
                return await BackupAsync(database, file, output, errors);
            case ["restore", var file, ..]:
                try
                {
                    database.Restore(file);
                    output.WriteLine($"Restored {Path.GetFullPath(file)} to {database.DatabasePath}; the database it replaced is kept as {database.DatabasePath}.before-restore");
                    return 0;
                }
                catch (BackupException e)
                {
                    errors.WriteLine(e.Message);
                    return 1;
                }
            default:
                return await DoctorAsync(services, database, checkConfiguration, output);
        }
    }

    private static async Task<int> BackupAsync(IDatabaseOperations database, string file, TextWriter output, TextWriter errors)
    {
        var target = Path.GetFullPath(file);
        try
        {
            // A running bot holds the file: only it can copy it consistently. A stopped one: this process opens it.
            var bytes = database.InUse()
                ? await ControlSocket.RequestBackupAsync(database.DatabasePath, target, CancellationToken.None)
                : database.Backup(target);
            output.WriteLine($"Backed up {database.DatabasePath} to {target} ({bytes} bytes)");
            return 0;
        }
        catch (BackupException e)
        {
            errors.WriteLine(e.Message);
            return 1;
        }
    }

    private static async Task<int> DoctorAsync(IServiceProvider services, IDatabaseOperations database, Func<TextWriter, int> checkConfiguration, TextWriter output)
    {
        var failed = false;
        void Report(bool ok, string part, string detail)
        {
            output.WriteLine($"{(ok ? "ok  " : "FAIL")} {part}: {detail}");
            failed |= !ok;
        }

        var problems = new StringWriter();
        var code = checkConfiguration(problems);
        var lines = problems.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Report(code != 2, "configuration", code == 2 ? string.Join(" | ", lines.Where(l => l.StartsWith("Configuration error", StringComparison.Ordinal))) : "valid");

        var token = services.GetRequiredService<IOptions<DiscordOptions>>().Value.Token;
        Report(TokenShape(token) is null, "token", TokenShape(token) ?? "has the shape of a bot token (not shown)");

        if (database.InUse())
        {
            Report(true, "database", $"{database.DatabasePath} is held by a running bot: its health covers it (`health`)");
        }
        else
        {
            var findings = database.Check();
            Report(findings.Count == 0, "database", findings.Count == 0 ? database.SoundReport : $"{database.Name}: {string.Join("; ", findings)}");
        }

        if (code == 3 || (code == 2 && lines.Any(l => !l.StartsWith("Configuration error", StringComparison.Ordinal))))
        {
            Report(false, "question bank", string.Join(" | ", lines.Where(l => !l.StartsWith("Configuration error", StringComparison.Ordinal)).Take(5)));
        }
        else if (code == 0)
        {
            Report(true, "question bank", $"{services.GetRequiredService<QuestionBank>().All.Count} questions");
        }

        if (code != 2 && TokenShape(token) is null)
        {
            await CheckGatewayAsync(services.GetRequiredService<IDiscordRestClient>(), Report);
        }
        output.WriteLine(failed ? "Problems found." : "All checks passed.");
        return failed ? 1 : 0;
    }

    private static async Task CheckGatewayAsync(IDiscordRestClient rest, Action<bool, string, string> report)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            var gateway = await rest.GetGatewayBotAsync(timeout.Token);
            report(true, "Discord", $"GET /gateway/bot answered: {gateway.Shards} shard(s) recommended, {gateway.SessionStartLimit.Remaining} session starts left");
        }
        catch (DiscordApiException e) when (e.Status == HttpStatusCode.Unauthorized)
        {
            report(false, "Discord", "GET /gateway/bot: Discord rejected the token (401); reset it in the Developer Portal and set Discord__Token");
        }
        catch (Exception e) when (e is DiscordApiException or HttpRequestException or TimeoutException or OperationCanceledException)
        {
            // Not a failure: the check runs where the network may be closed (a build step, an air-gapped host).
            report(true, "Discord", $"not reachable from here ({e.Message}); skipped");
        }
    }

    /// <summary>Why <paramref name="token"/> cannot be a bot token, or null. Says nothing of the token's content.</summary>
    internal static string? TokenShape(string token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return "not set (Discord__Token)";
        }
        if (token.StartsWith("Bot ", StringComparison.OrdinalIgnoreCase))
        {
            return "starts with \"Bot \": set the token alone, the bot adds the prefix";
        }
        // Discord's bot tokens are three base64url parts; the first encodes the bot's user id.
        var parts = token.Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0 || !p.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return "does not have the shape of a bot token (three base64url parts separated by dots); copy it again from Developer Portal → Bot";
        }
        var id = new byte[Base64Url.GetMaxDecodedLength(parts[0].Length)];
        return Base64Url.TryDecodeFromChars(parts[0], id, out var written)
            && ulong.TryParse(id.AsSpan(0, written), NumberStyles.None, CultureInfo.InvariantCulture, out _)
            ? null
            : "its first part is not a user id; copy it again from Developer Portal → Bot";
    }
}
