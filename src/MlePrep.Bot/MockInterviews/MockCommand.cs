using MlePrep.Bot.Interactions;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.MockInterviews;

/// <summary><c>/mock start [track] [length]</c> runs a timed mock interview; <c>/mock stop</c> ends it with its summary.</summary>
public sealed class MockCommand(MockSessions sessions) : ISlashCommand
{
    private const string DefaultTrack = "generalist";
    private const int DefaultLength = 20;

    public ApplicationCommand Definition { get; } = new()
    {
        Name = "mock",
        Description = "Rehearse an interview: timed questions, one at a time",
        Contexts = [0],
        IntegrationTypes = [0],
        Options =
        [
            new()
            {
                Type = CommandOptionType.SubCommand, Name = "start", Description = "Start a timed mock interview in a private thread",
                Options =
                [
                    new()
                    {
                        Type = CommandOptionType.String, Name = "track", Description = "Which interview to rehearse (default: generalist)",
                        Choices = MockTracks.All.Select(t => new CommandChoice(t.Name, t.Name)).ToArray(),
                    },
                    new()
                    {
                        Type = CommandOptionType.String, Name = "length", Description = "Minutes in all (default: 20)",
                        Choices = MockTracks.Lengths.Select(l => new CommandChoice($"{l} minutes", $"{l}")).ToArray(),
                    },
                ],
            },
            new() { Type = CommandOptionType.SubCommand, Name = "stop", Description = "End your mock interview and see its summary" },
        ],
    };

    public bool RepliesPrivately => true;

    public async ValueTask<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken ct)
    {
        if (context.Data.SubcommandPath() is ["stop"])
        {
            return await sessions.StopAsync(context, ct);
        }
        var trackName = context.Data.OptionText("track") ?? DefaultTrack;
        if (MockTracks.Find(trackName) is not { } track)
        {
            return InteractionReply.Private($"`{UserText.Code(trackName)}` is not a track. Tracks: {string.Join(", ", MockTracks.All.Select(t => $"`{t.Name}`"))}.");
        }
        var lengthText = context.Data.OptionText("length");
        var length = DefaultLength;
        if (lengthText is not null && (!int.TryParse(lengthText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out length) || !MockTracks.Lengths.Contains(length)))
        {
            return InteractionReply.Private($"`{UserText.Code(lengthText)}` is not a length. Pick {string.Join(", ", MockTracks.Lengths)} minutes.");
        }
        return await sessions.StartAsync(context, track, length, ct);
    }
}
