using MlePrep.Bot.Interactions;
using MlePrep.Bot.Questions;

namespace MlePrep.Bot.Practice;

/// <summary>🎲 Another (<see cref="AnotherId"/>): a new random question with the same filters.</summary>
public sealed class AnotherButton(QuestionBank bank, QuestionPicker picker) : ComponentHandler<AnotherId>
{
    public static string CustomId(QuestionFilter filter) => CustomIds.Format(new AnotherId(filter.Category, filter.Difficulty, filter.Topic));

    protected override async ValueTask<InteractionReply> HandleAsync(InteractionContext context, AnotherId id, CancellationToken ct)
    {
        var filter = new QuestionFilter(id.Category, id.Difficulty, id.Topic);
        var candidates = bank.Filter(filter);
        return candidates.Count == 0
            ? StaleComponent.Reply()
            : InteractionReply.Public(QuestionPost.Create(await picker.PickAsync(context.ChannelId, candidates), filter));
    }
}
