using MlePrep.Bot.Interactions;
using MlePrep.Bot.Questions;

namespace MlePrep.Bot.Practice;

/// <summary>🎲 Another (<see cref="AnotherId"/>): a new random question with the same filters (topic <c>weakest</c>: the presser's).</summary>
public sealed class AnotherButton(QuestionBank bank, QuestionPicker picker, IWeakTopics weakTopics) : ComponentHandler<AnotherId>
{
    public static string CustomId(QuestionFilter filter) => CustomIds.Format(new AnotherId(filter.Category, filter.Difficulty, filter.Topic));

    protected override async ValueTask<InteractionReply> HandleAsync(InteractionContext context, AnotherId id, CancellationToken ct)
    {
        var filter = new QuestionFilter(id.Category, id.Difficulty, id.Topic);
        if (await WeakestTopic.ResolveAsync(filter, weakTopics, context.User.Id) is not { } resolved)
        {
            return InteractionReply.Private(WeakestTopic.NoneYet);
        }
        var candidates = bank.Filter(resolved);
        if (candidates.Count == 0 && resolved != filter)
        {
            return InteractionReply.Private($"Your weakest topic is now `{resolved.Topic}`, and no question has it with this post's other filters. " +
                $"Try `/question topic: {IWeakTopics.Keyword}`.");
        }
        return candidates.Count == 0
            ? StaleComponent.Reply()
            : InteractionReply.Public(QuestionPost.Create(await picker.PickAsync(context.ChannelId, candidates), filter));
    }
}
