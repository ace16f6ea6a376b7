using System.Reflection;
using System.Text;
using MlePrep.Bot.Interactions;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Help;

/// <summary>
/// <c>/help</c>: every command with one line (read from the registered definitions, so the list never drifts from
/// what members can run), how streaks work, what is stored, and where the project lives. Private to the asker.
/// </summary>
public sealed class HelpCommand(IServiceProvider services) : ISlashCommand
{
    public ApplicationCommand Definition { get; } = new()
    {
        Name = "help",
        Description = "What the bot can do, how streaks work and what it stores",
        Contexts = [0],
        IntegrationTypes = [0],
    };

    public bool RepliesPrivately => true;

    /// <summary>The project's home, from the build (RepositoryUrl); null when the build names none.</summary>
    internal static string? ProjectUrl { get; } = typeof(HelpCommand).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == "RepositoryUrl")?.Value is { Length: > 0 } url ? url : null;

    public ValueTask<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken ct)
    {
        // Resolved here, not in the constructor: this command is one of the commands it lists.
        var commands = services.GetServices<ISlashCommand>().Select(c => c.Definition).OrderBy(d => d.Name, StringComparer.Ordinal);
        var fields = new List<EmbedField>
        {
            new("Streaks", "Answer a channel's daily question before its next one is posted and your streak grows. Every 7 in a row "
                + "earn a freeze (hold 2) that bridges a missed day. Hints never cost anything; `/streak` and `/leaderboard` show where you stand."),
            new("Learning", "After the answer key, grade yourself (Nailed it / Partly / Missed) against the rubric. Graded questions come back "
                + "in `/review` when due (sooner when missed); `/stats` draws your practice calendar and topic mastery; `/question topic: weakest` "
                + "practises your weakest topic. Grades never affect streaks."),
            new("Your data", "Answers are private: only you see yours and the answer key, unless you choose in the form to share a daily "
                + "answer, which the group then sees when the next question is out. The bot stores your answers, which hints you revealed, your "
                + "self-grades and review schedule, your mock interviews, which answers you shared and the 👍 you gave, nothing else; "
                + "`/mydata` shows all of it and deletes it."),
        };
        if (ProjectUrl is { } url)
        {
            fields.Add(new EmbedField("The project", $"Open source: {url}"));
        }
        return ValueTask.FromResult(InteractionReply.Private(new MessagePayload
        {
            Embeds =
            [
                new Embed
                {
                    Title = "MlePrep.Bot — ML-engineer interview practice",
                    Description = Describe(commands),
                    Color = 0x5865F2,
                    Fields = fields,
                },
            ],
        }));
    }

    /// <summary>One line per command, or per sub-command where a command has them.</summary>
    internal static string Describe(IEnumerable<ApplicationCommand> commands)
    {
        var text = new StringBuilder();
        foreach (var command in commands)
        {
            var subcommands = command.Options?.Where(o => o.Type == CommandOptionType.SubCommand).ToList() ?? [];
            if (subcommands.Count == 0)
            {
                text.Append($"`/{command.Name}` — {command.Description}\n");
            }
            foreach (var sub in subcommands)
            {
                text.Append($"`/{command.Name} {sub.Name}` — {sub.Description}\n");
            }
        }
        return text.ToString().TrimEnd();
    }
}
