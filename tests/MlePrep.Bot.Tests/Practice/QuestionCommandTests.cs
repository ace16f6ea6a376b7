using Microsoft.Extensions.Time.Testing;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Practice;
using MlePrep.Bot.Questions;
using MlePrep.Bot.Storage;
using MlePrep.Discord.Interactions;

namespace MlePrep.Bot.Tests.Practice;

public sealed class QuestionCommandTests
{
    private static readonly QuestionBank Bank = new(
    [
        TestData.Question("T1", topic: "llm", difficulty: "hard"),
        TestData.Question("T2", topic: "python"),
        TestData.Question("B1", category: "behavioral", topic: "career"),
    ]);

    private readonly LitePracticeStore _practice = new(BotDatabase.InMemory());
    private readonly WeakTopicsStub _weakTopics = new();
    private readonly QuestionCommand _command;

    public QuestionCommandTests() =>
        _command = new QuestionCommand(Bank, new QuestionPicker(_practice, new FakeTimeProvider(), new Random(1)), _weakTopics);

    private InteractionReply Run(params (string, string)[] options) =>
        _command.ExecuteAsync(new InteractionContext(TestData.Command("question", options)), default).Result;

    [Fact]
    public void The_definition_offers_the_banks_categories_and_difficulties()
    {
        var options = _command.Definition.Options!;
        Assert.Equal(["technical", "behavioral"], options.Single(o => o.Name == "category").Choices!.Select(c => c.Value));
        Assert.Equal(["easy", "hard"], options.Single(o => o.Name == "difficulty").Choices!.Select(c => c.Value));
        Assert.True(options.Single(o => o.Name == "topic").Autocomplete);
        Assert.True(options.Single(o => o.Name == "id").Autocomplete);
    }

    [Fact]
    public void Every_free_text_option_is_capped_well_below_discords_6000()
    {
        var typed = _command.Definition.Options!.Where(o => o.Type == CommandOptionType.String && o.Choices is null).ToList();

        Assert.NotEmpty(typed);
        Assert.All(typed, o => Assert.InRange(o.MaxLength ?? int.MaxValue, 1, 100));
    }

    [Theory]
    [InlineData("id")]
    [InlineData("topic")]
    [InlineData("category")]
    public void Echoed_input_is_clipped_to_one_code_span_however_long_it_is(string option)
    {
        var typed = string.Concat(Enumerable.Repeat("`<@&1> **x**\n", 600));

        var content = Run((option, typed)).Message!.Content!;

        Assert.True(content.Length <= 2000, $"{content.Length} characters");
        Assert.Contains("…", content);
        Assert.DoesNotContain("``", content);
    }

    [Fact]
    public void Filters_narrow_the_pick_and_the_post_has_hint_answer_and_another_buttons()
    {
        var reply = Run(("category", "behavioral"));

        Assert.False(reply.Ephemeral);
        var embed = Assert.Single(reply.Message!.Embeds!);
        Assert.Equal("B1 · Behavioral", embed.Title);
        Assert.Equal("Prompt of B1?", embed.Description);
        var buttons = Assert.Single(reply.Message.Components!).Components!;
        Assert.Equal(["hint:B1:1", "answer:B1", "another:behavioral::"], buttons.Select(b => b.CustomId));
    }

    [Fact]
    public void An_id_shows_that_exact_question()
    {
        Assert.Equal("T2 · Technical", Run(("id", "t2")).Message!.Embeds![0].Title);
    }

    [Fact]
    public void An_unknown_id_is_explained_privately()
    {
        var reply = Run(("id", "Z9"));
        Assert.True(reply.Ephemeral);
        Assert.Contains("no question with id `Z9`", reply.Message!.Content);
    }

    [Fact]
    public void A_filter_that_matches_nothing_is_named()
    {
        var reply = Run(("category", "system-design"));
        Assert.True(reply.Ephemeral);
        Assert.Equal("No question has category `system-design`.", reply.Message!.Content);
    }

    [Fact]
    public void A_combination_that_matches_nothing_is_named_as_such()
    {
        var reply = Run(("difficulty", "hard"), ("topic", "python"));
        Assert.Equal("No question matches difficulty `hard` and topic `python` together. Try dropping one filter.", reply.Message!.Content);
    }

    [Fact]
    public void An_unknown_topic_lists_the_real_ones()
    {
        var reply = Run(("topic", "astrology"));
        Assert.StartsWith("`astrology` is not a topic of the bank.", reply.Message!.Content);
    }

    [Fact]
    public async Task Id_autocomplete_ranks_the_exact_id_first_and_stays_within_25()
    {
        var bank = new QuestionBank(Enumerable.Range(1, 40).Select(i => TestData.Question($"T{i}")).ToArray());
        var command = new QuestionCommand(bank, new QuestionPicker(_practice, new FakeTimeProvider(), new Random(1)), _weakTopics);
        var typing = TestData.Interaction(InteractionType.ApplicationCommandAutocomplete, new InteractionData
        {
            Name = "question",
            Options = [new CommandOptionValue { Name = "id", Type = CommandOptionType.String, Value = System.Text.Json.JsonSerializer.SerializeToElement("T1"), Focused = true }],
        });

        var choices = (await command.AutocompleteAsync(new InteractionContext(typing), default)).Choices!;

        Assert.Equal("T1", choices[0].Value);
        Assert.Equal(11, choices.Count);
        Assert.All(choices, c => Assert.StartsWith("T1", c.Value));
    }

    [Fact]
    public void Topic_weakest_picks_from_the_members_weakest_topic_and_the_posts_another_keeps_weakest()
    {
        _weakTopics.Weakest = "python";

        var reply = Run(("topic", "weakest"));

        Assert.False(reply.Ephemeral);
        Assert.Equal("T2 · Technical", reply.Message!.Embeds![0].Title);
        Assert.Equal("another:::weakest", reply.Message.Components![0].Components![2].CustomId);
    }

    [Fact]
    public void Topic_weakest_before_any_grade_says_why_there_is_none()
    {
        var reply = Run(("topic", "weakest"));

        Assert.True(reply.Ephemeral);
        Assert.Equal(WeakestTopic.NoneYet, reply.Message!.Content);
    }

    [Fact]
    public async Task Topic_autocomplete_offers_weakest_first()
    {
        var typing = TestData.Interaction(InteractionType.ApplicationCommandAutocomplete, new InteractionData
        {
            Name = "question",
            Options = [new CommandOptionValue { Name = "topic", Type = CommandOptionType.String, Value = System.Text.Json.JsonSerializer.SerializeToElement("we"), Focused = true }],
        });

        var choices = (await _command.AutocompleteAsync(new InteractionContext(typing), default)).Choices!;

        Assert.Equal("weakest", choices[0].Value);
    }
}

/// <summary>A member's weakest topic, as set by the test.</summary>
internal sealed class WeakTopicsStub : IWeakTopics
{
    public string? Weakest { get; set; }

    public ValueTask<string?> WeakestAsync(ulong userId) => ValueTask.FromResult(Weakest);
}
