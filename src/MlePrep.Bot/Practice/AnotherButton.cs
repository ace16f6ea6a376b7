using MlePrep.Bot.Interactions;
using MlePrep.Bot.Questions;

namespace MlePrep.Bot.Practice;

/// <summary>🎲 Another (<see cref="AnotherId"/>): a new random question with the same filters.</summary>
public sealed class AnotherButton(QuestionBank bank, QuestionPicker picker) : ComponentHandler<AnotherId>
{
    public static string CustomId(QuestionFilter filter) => CustomIds.Format(new AnotherId(filter.Category, filter.Difficulty, filter.Topic));

    protected override ValueTask<InteractionReply> HandleAsync(InteractionContext context, AnotherId id, CancellationToken ct)
    {
        var filter = new QuestionFilter(id.Category, id.Difficulty, id.Topic);
        var candidates = bank.Filter(filter);
        return ValueTask.FromResult(candidates.Count == 0
            ? StaleComponent.Reply()
            : InteractionReply.Public(QuestionPost.Create(picker.Pick(context.ChannelId, candidates), filter)));
    }
}
