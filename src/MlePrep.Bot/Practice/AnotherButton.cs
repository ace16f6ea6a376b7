using MlePrep.Bot.Interactions;
using MlePrep.Bot.Questions;

namespace MlePrep.Bot.Practice;

/// <summary>🎲 Another (<c>another:{category}:{difficulty}:{topic}</c>): a new random question with the same filters.</summary>
public sealed class AnotherButton(QuestionBank bank, QuestionPicker picker) : IComponentHandler
{
    public string Prefix => "another";

    public static string CustomId(QuestionFilter filter) => $"another:{filter.Encode()}";

    public ValueTask<InteractionReply> HandleAsync(InteractionContext context, CancellationToken ct)
    {
        var filter = QuestionFilter.Decode(context.CustomIdArgs);
        var candidates = bank.Filter(filter);
        return ValueTask.FromResult(candidates.Count == 0
            ? InteractionReply.Private(InteractionRouter.StaleComponentMessage)
            : InteractionReply.Public(QuestionPost.Create(picker.Pick(context.ChannelId, candidates), filter)));
    }
}
