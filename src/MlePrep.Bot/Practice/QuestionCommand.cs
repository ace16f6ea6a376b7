using MlePrep.Bot.Interactions;
using MlePrep.Bot.Questions;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Practice;

/// <summary><c>/question [category] [difficulty] [topic] [id]</c>: posts a random (or the named) question.</summary>
public sealed class QuestionCommand(QuestionBank bank, QuestionPicker picker, IWeakTopics weakTopics) : ISlashCommand
{
    /// <summary>Longer than any topic or id, or than a search anyone types; Discord's default would allow 6,000.</summary>
    internal const int MaxTyped = 100;

    public ApplicationCommand Definition { get; } = new()
    {
        Name = "question",
        Description = "Practise with an ML-engineer interview question",
        Contexts = [0],
        IntegrationTypes = [0],
        Options =
        [
            new ApplicationCommandOption
            {
                Type = CommandOptionType.String, Name = "category", Description = "Only questions of this kind",
                Choices = bank.Categories.Select(c => new CommandChoice(QuestionCards.CategoryTitle(c), c)).ToArray(),
            },
            new ApplicationCommandOption
            {
                Type = CommandOptionType.String, Name = "difficulty", Description = "Only questions this hard",
                Choices = bank.Difficulties.Select(d => new CommandChoice(d, d)).ToArray(),
            },
            new ApplicationCommandOption
            {
                Type = CommandOptionType.String, Name = "topic", Description = "Only questions on this topic", Autocomplete = true,
                MaxLength = MaxTyped,
            },
            new ApplicationCommandOption
            {
                Type = CommandOptionType.String, Name = "id", Description = "Show this exact question (search by id or words)", Autocomplete = true,
                MaxLength = MaxTyped,
            },
        ],
    };

    public ValueTask<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken ct) =>
        ExecuteCoreAsync(context);

    public ValueTask<InteractionReply> AutocompleteAsync(InteractionContext context, CancellationToken ct)
    {
        var focused = context.Data.FocusedOption();
        var typed = focused?.Text ?? "";
        IReadOnlyList<CommandChoice> choices = focused?.Name switch
        {
            "topic" => (IWeakTopics.Keyword.StartsWith(typed.Trim(), StringComparison.OrdinalIgnoreCase) ? [new CommandChoice("weakest (your weakest topic)", IWeakTopics.Keyword)] : Array.Empty<CommandChoice>())
                .Concat(bank.SearchTopics(typed).Select(t => new CommandChoice(t, t))).Take(25).ToArray(),
            "id" => bank.Search(typed).Select(q => new CommandChoice(ChoiceName(q), q.Id)).ToArray(),
            _ => [],
        };
        return ValueTask.FromResult(InteractionReply.Suggest(choices));
    }

    private async ValueTask<InteractionReply> ExecuteCoreAsync(InteractionContext context)
    {
        if (context.Data.OptionText("id") is { Length: > 0 } id)
        {
            return bank.Find(id) is { } exact
                ? InteractionReply.Public(QuestionPost.Create(exact, QuestionFilter.None))
                : InteractionReply.Private($"There is no question with id `{UserText.Code(id)}`. Start typing in the `id` option to search by id or words.");
        }

        var filter = new QuestionFilter(
            Normalise(context.Data.OptionText("category")),
            Normalise(context.Data.OptionText("difficulty")),
            Normalise(context.Data.OptionText("topic")));
        if (filter.Topic is { } topic && topic != IWeakTopics.Keyword && !bank.Topics.Contains(topic))
        {
            return InteractionReply.Private($"`{UserText.Code(topic)}` is not a topic of the bank. " +
                $"Topics: {string.Join(", ", bank.Topics.Select(t => $"`{t}`"))}, or `{IWeakTopics.Keyword}` for your weakest.");
        }
        if (await WeakestTopic.ResolveAsync(filter, weakTopics, context.User.Id) is not { } resolved)
        {
            return InteractionReply.Private(WeakestTopic.NoneYet);
        }
        var candidates = bank.Filter(resolved);
        // The post's 🎲 Another keeps "weakest", so it follows whoever presses it.
        return candidates.Count == 0
            ? InteractionReply.Private(NoMatch(resolved))
            : InteractionReply.Public(QuestionPost.Create(await picker.PickAsync(context.ChannelId, candidates), filter));
    }

    /// <summary>Names the filter that matched nothing, or says the combination did.</summary>
    internal string NoMatch(QuestionFilter filter)
    {
        var parts = new List<(string Name, string Value, QuestionFilter Alone)>();
        if (filter.Category is { } c) parts.Add(("category", c, new QuestionFilter(Category: c)));
        if (filter.Difficulty is { } d) parts.Add(("difficulty", d, new QuestionFilter(Difficulty: d)));
        if (filter.Topic is { } t) parts.Add(("topic", t, new QuestionFilter(Topic: t)));
        var empty = parts.FirstOrDefault(p => bank.Filter(p.Alone).Count == 0);
        return empty.Name is not null
            ? $"No question has {empty.Name} `{UserText.Code(empty.Value)}`."
            : $"No question matches {string.Join(" and ", parts.Select(p => $"{p.Name} `{UserText.Code(p.Value)}`"))} together. Try dropping one filter.";
    }

    private static string? Normalise(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToLowerInvariant();

    private static string ChoiceName(Question q)
    {
        var name = $"{q.Id} · {q.Prompt}";
        return name.Length <= 100 ? name : name[..99] + "…";
    }
}
