using System.Globalization;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Questions;
using MlePrep.Bot.Storage;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Practice;

/// <summary>
/// 💡 Hint (<c>hint:{questionId}:{rung}</c>): shows the presser hints 1..rung privately. Pressed on the public
/// post it opens a private hint card; "Next hint" on that card updates it to the next rung.
/// </summary>
public sealed class HintButton(QuestionBank bank, PracticeStore practice, TimeProvider time) : IComponentHandler
{
    public string Prefix => "hint";

    public static Component Button(string questionId) => Component.Button(ButtonStyle.Primary, "Hint", CustomId(questionId, 1), "💡");

    public static string CustomId(string questionId, int rung) => $"hint:{questionId}:{rung.ToString(CultureInfo.InvariantCulture)}";

    public ValueTask<InteractionReply> HandleAsync(InteractionContext context, CancellationToken ct)
    {
        var args = context.CustomIdArgs;
        var colon = args.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(args[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var rung)
            || bank.Find(args[..colon]) is not { } question)
        {
            return ValueTask.FromResult(InteractionReply.Private(InteractionRouter.StaleComponentMessage));
        }

        rung = Math.Clamp(rung, 1, question.Hints.Count);
        practice.RecordHints(context.GuildId, context.User.Id, question.Id, rung, time.GetUtcNow());
        var card = new MessagePayload
        {
            Embeds = [QuestionCards.HintEmbed(question, rung)],
            Components = rung < question.Hints.Count
                ? [Component.ActionRow(Component.Button(ButtonStyle.Primary, $"Next hint ({rung + 1}/{question.Hints.Count})", CustomId(question.Id, rung + 1), "💡"))]
                : [],
        };
        // On the private card itself, move it along; from the public post, open a new private card.
        var onCard = context.Interaction.Message?.Flags is { } flags && (flags & MessageFlags.Ephemeral) != 0;
        return ValueTask.FromResult(onCard ? InteractionReply.Update(card) : InteractionReply.Private(card));
    }
}
