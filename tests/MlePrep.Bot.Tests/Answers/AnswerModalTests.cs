using MlePrep.Bot.Answers;
using MlePrep.Bot.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Tests.Answers;

public sealed class AnswerModalTests
{
    private readonly StreakFixture _f = new();

    private async Task<Answer?> Stored(string key) => (await _f.Answers.OfAsync(TestData.UserId)).SingleOrDefault(a => a.Id == key);

    [Fact]
    public async Task The_button_opens_a_modal_with_a_labelled_paragraph_input_and_the_occurrence_in_its_id()
    {
        var button = new AnswerButton(_f.Bank, Microsoft.Extensions.Options.Options.Create(new PracticeOptions { MinAnswerLength = 40 }), _f.Sharing);
        var occurrenceId = $"{ulong.MaxValue}:2026-11-02";

        var reply = await button.HandleAsync(new InteractionContext(TestData.Button(PostButtons.Answer("T1", occurrenceId).CustomId!)), default);

        Assert.Equal(ReplyKind.Modal, reply.Kind);
        Assert.Equal($"answerm:T1:{occurrenceId}", reply.Modal!.CustomId);
        Assert.InRange(reply.Modal.Title!.Length, 1, 45);
        Assert.Equal(2, reply.Modal.Components!.Count);
        var label = reply.Modal.Components[0];
        Assert.Equal(ComponentTypes.Label, label.Type);
        Assert.Equal((ComponentTypes.TextInput, AnswerButton.InputId, 2, 40, 4000),
            (label.Child!.Type, label.Child.CustomId, label.Child.Style, label.Child.MinLength, label.Child.MaxLength));
        // On a daily post: the sharing choice, a String Select in a Label, private by default.
        var share = reply.Modal.Components[1];
        Assert.Equal((ComponentTypes.Label, ComponentTypes.StringSelect, AnswerButton.ShareInputId, 1, 1),
            (share.Type, share.Child!.Type, share.Child.CustomId, share.Child.MinValues, share.Child.MaxValues));
        Assert.Equal("private", Assert.Single(share.Child.Options!, o => o.Default == true).Value);
    }

    [Fact]
    public async Task A_practice_question_modal_has_no_sharing_choice()
    {
        var button = new AnswerButton(_f.Bank, Microsoft.Extensions.Options.Options.Create(new PracticeOptions { MinAnswerLength = 40 }), _f.Sharing);

        var reply = await button.HandleAsync(new InteractionContext(TestData.Button(PostButtons.Answer("T1", null).CustomId!)), default);

        Assert.Equal(ComponentTypes.TextInput, Assert.Single(reply.Modal!.Components!).Child!.Type);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Both_modal_shapes_are_stored_and_answered_privately_with_the_answer_key(bool legacyShape)
    {
        var reply = _f.Submit("answerm:T1", "  " + StreakFixture.LongText() + "\n", legacyShape: legacyShape);

        Assert.True(reply.Ephemeral);
        Assert.Contains("Saved your answer to **T1**", reply.Message!.Content);
        Assert.Contains("A strong answer covers", reply.Message.Embeds![0].Description);
        Assert.Contains("Answer of T1", reply.Message.Embeds[0].Description);
        var stored = (await Stored($"{TestData.GuildId}:{TestData.UserId}:q:T1"))!;
        Assert.Equal(StreakFixture.LongText(), stored.Text);
        Assert.Equal((TestData.ChannelId, "T1", (string?)null), (stored.ChannelId, stored.QuestionId, stored.OccurrenceId));
    }

    [Fact]
    public async Task A_too_short_answer_is_refused_with_the_minimum_after_trimming()
    {
        var reply = _f.Submit("answerm:T1", new string(' ', 15) + "Too short, 20 chars." + new string(' ', 15));

        Assert.True(reply.Ephemeral);
        Assert.Contains("minimum is 30", reply.Message!.Content);
        Assert.Contains("20 characters", reply.Message.Content);
        Assert.Empty((await _f.Answers.OfAsync(TestData.UserId)));
    }

    [Fact]
    public async Task A_whitespace_only_answer_is_refused()
    {
        var reply = _f.Submit("answerm:T1", new string(' ', 50) + "\n\t");

        Assert.Contains("empty", reply.Message!.Content);
        Assert.Empty((await _f.Answers.OfAsync(TestData.UserId)));
    }

    [Fact]
    public async Task Submitting_again_replaces_the_text_and_counts_once()
    {
        _f.Submit("answerm:T1", StreakFixture.LongText("first"));
        var reply = _f.Submit("answerm:T1", StreakFixture.LongText("second"));

        Assert.Contains("Updated your answer", reply.Message!.Content);
        var stored = Assert.Single((await _f.Answers.OfAsync(TestData.UserId)));
        Assert.Equal(StreakFixture.LongText("second"), stored.Text);
        Assert.Equal(2, stored.Revisions);
    }

    [Fact]
    public async Task Hints_revealed_before_answering_are_recorded_and_not_penalised()
    {
        _f.AddSchedule();
        var occurrence = _f.Post(StreakFixture.Start);
        await _f.Practice.RecordHintsAsync(TestData.GuildId, TestData.UserId, "T1", 2, StreakFixture.Start);

        var reply = _f.Submit($"answerm:T1:{occurrence.Id}", StreakFixture.LongText());

        Assert.Equal(2, (await Stored($"{TestData.GuildId}:{TestData.UserId}:{occurrence.Id}"))!.HintsRevealed);
        Assert.Contains("revealed 2 of 3 hints", reply.Message!.Content);
        Assert.Contains("streak in", reply.Message.Content);
        Assert.Equal(1, (await _f.Streaks.OfAsync(TestData.ChannelId, TestData.UserId)).Current);
    }

    [Fact]
    public async Task A_daily_answer_shows_the_streak_and_a_resubmission_does_not_raise_it()
    {
        _f.AddSchedule();
        var first = _f.Post(StreakFixture.Start);
        _f.Answer(first, TestData.UserId, StreakFixture.Start.AddHours(1));
        var second = _f.Post(StreakFixture.Start.AddDays(1), questionId: "T2");
        _f.Time.SetUtcNow(second.PostedAt!.Value.AddHours(1));

        var reply = _f.Submit($"answerm:T2:{second.Id}", StreakFixture.LongText());
        var again = _f.Submit($"answerm:T2:{second.Id}", StreakFixture.LongText("edited"));

        Assert.Contains("**2** (best 2)", reply.Message!.Content);
        Assert.Contains("**2** (best 2)", again.Message!.Content);
        Assert.Equal(1, await _f.Answers.CountForAsync(second.Id));
    }

    [Fact]
    public async Task A_late_answer_is_saved_as_practice_and_says_when_the_next_question_was_posted()
    {
        _f.AddSchedule();
        var first = _f.Post(StreakFixture.Start);
        var next = _f.Post(StreakFixture.Start.AddDays(1), questionId: "T2");
        _f.Time.SetUtcNow(StreakFixture.Start.AddDays(1).AddHours(3));

        var reply = _f.Submit($"answerm:T1:{first.Id}", StreakFixture.LongText());

        Assert.Contains("did not count for the streak", reply.Message!.Content);
        Assert.Contains($"<t:{new DateTimeOffset(next.PostedAt!.Value).ToUnixTimeSeconds()}:f>", reply.Message.Content);
        Assert.NotNull((await Stored($"{TestData.GuildId}:{TestData.UserId}:{first.Id}")));
        Assert.Equal(0, (await _f.Streaks.OfAsync(TestData.ChannelId, TestData.UserId)).Current);
    }

    [Fact]
    public async Task An_answer_to_an_unknown_question_is_answered_as_stale()
    {
        var reply = _f.Submit("answerm:GONE", StreakFixture.LongText());

        Assert.Equal(StaleComponent.Message, reply.Message!.Content);
        Assert.Empty(await _f.Answers.OfAsync(TestData.UserId));
    }

    [Fact]
    public async Task The_answer_store_round_trips_snowflakes_in_queries()
    {
        const ulong bigUser = 1_300_000_000_000_000_123;
        _f.Submit("answerm:T1", StreakFixture.LongText(), bigUser);

        Assert.Single((await _f.Answers.OfAsync(bigUser)));
        Assert.Empty((await _f.Answers.OfAsync(TestData.UserId)));
        Assert.Single(await _f.Answers.DeleteAllOfAsync(bigUser));
        Assert.Empty((await _f.Answers.OfAsync(bigUser)));
    }


    [Fact]
    public async Task An_answer_from_another_server_to_an_occurrence_is_kept_as_practice_and_counts_nowhere()
    {
        _f.AddSchedule();
        var occurrence = _f.Post(StreakFixture.Start);
        var fromElsewhere = StreakFixture.ModalSubmit($"answerm:T1:{occurrence.Id}", StreakFixture.LongText()) with { GuildId = 999, ChannelId = 998 };

        var reply = await _f.Modal().HandleAsync(new InteractionContext(fromElsewhere), default);

        Assert.Contains("saved as practice", reply.Message!.Content);
        Assert.Equal(0, await _f.Answers.CountForAsync(occurrence.Id));
        _f.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(_f.Edits);
    }
}
