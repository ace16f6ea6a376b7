using System.Buffers.Binary;
using Microsoft.Extensions.Time.Testing;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Learning;
using MlePrep.Bot.Questions;
using MlePrep.Discord.Emulator.Rest;
using MlePrep.Discord.Rest;
using SkiaSharp;

namespace MlePrep.Bot.Tests.EndToEnd;

/// <summary>The learning loop through the real host and the emulator, on a moved clock: grade, review, grade again, stats, mydata.</summary>
[Trait("Category", "EndToEnd")]
public sealed class LearningFlowTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2028, 2, 27, 18, 0, 0, TimeSpan.Zero));
    private BotFixture _bot = null!;

    public async Task InitializeAsync() => _bot = await BotFixture.StartAsync(_time);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private Question Question => _bot.Service<QuestionBank>().All.First(q => q.Rubric.Count >= 3 && q.Category != "career-faq");

    private async Task<Message> ClickAsync(InteractionSpec spec)
    {
        var (interaction, _) = await _bot.SendAsync(spec.InGuild(_bot.GuildId, _bot.ChannelId).By(BotFixture.Member, "member"));
        return await interaction.WaitForOriginalAsync().WaitAsync(BotFixture.Timeout);
    }

    private static string CustomIdOf(Message message, Func<Component, bool> match) =>
        message.Components!.SelectMany(r => r.Components!).First(match).CustomId!;

    private async Task<ReviewCard> CardAsync() =>
        Assert.Single(await _bot.Service<ILearningStore>().CardsOfAsync(BotFixture.Member), c => c.QuestionId == Question.Id);

    [Fact]
    public async Task Answer_grade_with_the_rubric_review_when_due_and_grade_again_grows_the_interval()
    {
        // Answer: the key comes with the rubric select and the three grades.
        var (_, posted) = await _bot.CommandAsync("question", new Dictionary<string, object> { ["id"] = Question.Id });
        var post = _bot.Discord.Messages(_bot.ChannelId).Last(m => m.Embeds.Count > 0 && m.Embeds[0].Title!.StartsWith(Question.Id, StringComparison.Ordinal));
        var (_, modal) = await _bot.SendAsync(InteractionSpec.Button($"answer:{Question.Id}", post.Id).InGuild(_bot.GuildId, _bot.ChannelId).By(BotFixture.Member, "member"));
        var inputId = (string)modal.Data!["components"]![0]!["component"]!["custom_id"]!;
        var key = await ClickAsync(InteractionSpec.ModalSubmit((string)modal.Data["custom_id"]!,
            new Dictionary<string, string> { [inputId] = "Start from the data, then the model, then the evaluation and monitoring." }, messageId: post.Id));
        Assert.True(((key.Flags ?? 0) & MessageFlags.Ephemeral) != 0);
        Assert.Contains("Check yourself against", key.Embeds[0].Description);
        Assert.Equal(Question.Rubric.Count, key.Components![0].Components![0].Options!.Count);

        // Tick two rubric points, then Partly.
        var ticked = await ClickAsync(InteractionSpec.Select($"rubric:{Question.Id}", ["0", "2"], key.Id));
        var graded = await ClickAsync(InteractionSpec.Button(CustomIdOf(ticked, c => c.Label == "Partly"), key.Id));
        Assert.Contains($"Graded **Partly** (2 of {Question.Rubric.Count} rubric points)", graded.Content);
        Assert.Empty(graded.Components ?? []);
        var first = await CardAsync();
        Assert.Equal((1, 0b101), (first.State.IntervalDays, Assert.Single(await _bot.Service<ILearningStore>().GradesOfAsync(BotFixture.Member)).Covered));

        // Not due yet; a day later it is.
        var (_, early) = await _bot.CommandAsync("review");
        Assert.Contains("Nothing is due", (string)early.Data!["content"]!);
        _time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var (reviewInteraction, _) = await _bot.CommandAsync("review");
        var review = await reviewInteraction.WaitForOriginalAsync().WaitAsync(BotFixture.Timeout);
        Assert.StartsWith(Question.Id, review.Embeds[0].Title);
        Assert.True(((review.Flags ?? 0) & MessageFlags.Ephemeral) != 0);

        // Grade again without answering: Nailed on the second repetition gives 6 days, across 29 February 2028.
        var selfGrade = await ClickAsync(InteractionSpec.Button(CustomIdOf(review, c => c.CustomId == $"selfgrade:{Question.Id}"), review.Id));
        var regraded = await ClickAsync(InteractionSpec.Button(CustomIdOf(selfGrade, c => c.Label == "Nailed it"), selfGrade.Id));
        var second = await CardAsync();
        Assert.Equal((6, 2), (second.State.IntervalDays, second.Reviews));
        Assert.Equal(new DateTimeOffset(2028, 3, 5, 18, 1, 0, TimeSpan.Zero), second.DueAt);
        Assert.Contains($"<t:{second.DueAt.ToUnixTimeSeconds()}:R>", regraded.Content);
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, posted.Type);
    }

    [Fact]
    public async Task Stats_replies_with_one_png_attachment_of_the_documented_size_and_mydata_lists_the_grades()
    {
        var store = _bot.Service<ILearningStore>();
        await store.RecordGradeAsync(new GradeEntry(BotFixture.Member, Question.Id, Grade.Missed, 0, Question.Rubric.Count, _time.GetUtcNow()));

        var (stats, _) = await _bot.CommandAsync("stats");
        var reply = await stats.WaitForOriginalAsync(m => m.Attachments.Count > 0).WaitAsync(BotFixture.Timeout);

        var attachment = Assert.Single(reply.Attachments);
        Assert.Equal(("stats.png", "image/png", StatsRenderer.Width, StatsRenderer.Height), (attachment.Filename, attachment.ContentType, attachment.Width, attachment.Height));
        Assert.Equal(attachment.Url, reply.Embeds[0].Image!.Url);
        Assert.True(((reply.Flags ?? 0) & MessageFlags.Ephemeral) != 0);
        var upload = Assert.Single(_bot.Discord.Requests, r => r.Files.Count > 0).Files[0];
        Assert.Equal(upload.Content, _bot.Discord.AttachmentContent(attachment.Id));
        using var png = SKBitmap.Decode(upload.Content);
        Assert.Equal((StatsRenderer.Width, StatsRenderer.Height), (png.Width, png.Height));
        Assert.Equal(StatsRenderer.Width, BinaryPrimitives.ReadInt32BigEndian(upload.Content.AsSpan(16)));
        Assert.Contains("Topic mastery, weakest first:", reply.Content);

        var (_, mydata) = await _bot.CommandAsync("mydata");
        Assert.Contains("Self-grades: 1 (1 questions)", (string)mydata.Data!["content"]!);
        Assert.Contains($"`{Question.Id}`", (string)mydata.Data["content"]!);
    }

    [Fact]
    public async Task A_forged_grade_id_gets_the_stale_reply_and_stores_nothing()
    {
        var (_, posted) = await _bot.CommandAsync("question", new Dictionary<string, object> { ["id"] = Question.Id });
        var post = _bot.Discord.Messages(_bot.ChannelId).Last();

        var (_, reply) = await _bot.SendAsync(InteractionSpec.Button($"grade:{Question.Id}:n:fff", post.Id).InGuild(_bot.GuildId, _bot.ChannelId).By(BotFixture.Member, "member"));

        Assert.Equal(StaleComponent.Message, (string)reply.Data!["content"]!);
        Assert.Empty(await _bot.Service<ILearningStore>().GradesOfAsync(BotFixture.Member));
        Assert.NotNull(posted);
    }
}
