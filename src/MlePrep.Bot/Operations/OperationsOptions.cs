using System.ComponentModel.DataAnnotations;

namespace MlePrep.Bot.Operations;

/// <summary>Health status, telemetry and automatic backups (sections <c>Health</c>, <c>Telemetry</c>, <c>Storage</c>).</summary>
public sealed class OperationsOptions
{
    /// <summary>
    /// The status file the running bot rewrites every <see cref="HealthStatus.WriteEvery"/> and <c>health</c> reads;
    /// empty = <c>&lt;Storage:DatabasePath&gt;.health</c>, next to the database.
    /// </summary>
    public string StatusPath { get; set; } = "";

    /// <summary>Where <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c> are served, e.g. <c>http://0.0.0.0:9090</c>; empty = not served.</summary>
    public string? TelemetryUrl { get; set; }

    /// <summary>A folder for the daily automatic backup; empty = none.</summary>
    public string? BackupPath { get; set; }

    /// <summary>How many automatic backups to keep (the oldest go first).</summary>
    [Range(1, 3650, ErrorMessage = "Storage:BackupKeep must be from {1} to {2}.")]
    public int BackupKeep { get; set; } = 7;

    public static void Bind(OperationsOptions options, IConfiguration configuration)
    {
        options.StatusPath = configuration["Health:StatusPath"] ?? "";
        options.TelemetryUrl = configuration["Telemetry:Url"];
        options.BackupPath = configuration["Storage:BackupPath"];
        if (configuration["Storage:BackupKeep"] is { } keep)
        {
            options.BackupKeep = int.TryParse(keep, out var n) ? n : 0;
        }
    }

    /// <summary>The status file's path for a database at <paramref name="databasePath"/>.</summary>
    public string StatusFile(string databasePath) => StatusPath is { Length: > 0 } path ? Path.GetFullPath(path) : Path.GetFullPath(databasePath) + ".health";

    /// <summary>The control socket the backup command talks to, next to the database.</summary>
    public static string ControlSocket(string databasePath) => Path.GetFullPath(databasePath) + ".control";
}
