using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using MlePrep.Bot.Answers;
using MlePrep.Bot.Daily;
using MlePrep.Bot.PeerAnswers;
using MlePrep.Discord.Emulator.Rest;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Tests.EndToEnd;

/// <summary>
/// Shared daily answers through the real host, real Quartz and the emulator, on a clock the test moves: revealed when the
/// next post is out, voted on, hidden by a moderator, withdrawn, and deleted with /mydata.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class PeerAnswerFlowTests : IAsyncLifetime
{
    // Ten seconds before a 09:00 UTC schedule.
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 8, 59, 50, TimeSpan.Zero);

    private const ulong Ada = BotFixture.Member;
    private const ulong Ben = BotFixture.Member + 1;
    private const ulong Cai = BotFixture.Member + 2;

    private readonly FakeTimeProvider _time = new(Start);
    private BotFixture _bot = null!;

    public async Task InitializeAsync() => _bot = await BotFixture.StartAsync(_time);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private static string AnswerText(string who) => $"{who}: data drift is a change in P(X); concept drift a change in P(y|X). I would watch PSI per feature.";

    /// <summary>Sets the 09:00 schedule and lets the first post go out.</summary>
    private async Task<Message> FirstPostAsync()
    {
        var options = new Dictionary<string, object> { ["time"] = "09:00", ["timezone"] = "UTC" };
        await _bot.CommandAsync("daily", options, "set", admin: true);
        _time.Advance(TimeSpan.FromSeconds(15));
        await WaitForPostedAsync("2026-11-29");
        return Assert.Single(_bot.DailyPosts());
    }

    private async Task WaitForPostedAsync(string localDate)
    {
        using var timeout = new CancellationTokenSource(BotFixture.Timeout);
        while (await _bot.Service<IDailyStore>().OccurrenceAsync($"{_bot.ChannelId}:{localDate}") is not { Status: OccurrenceStatus.Posted })
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    /// <summary>Opens the answer modal on the post and submits it with the sharing choice; returns the modal and the reply.</summary>
    private async Task<(InteractionCallback Modal, InteractionCallback Reply)> AnswerAsync(Message post, ulong userId, bool share)
    {
        var answerButton = post.Components![0].Components!.Single(b => b.Emoji?.Name == "✍️").CustomId!;
        var name = $"m{userId % 100}";
        var (_, modal) = await _bot.SendAsync(InteractionSpec.Button(answerButton, post.Id).InGuild(_bot.GuildId, _bot.ChannelId).By(userId, name));
        Assert.Equal(InteractionCallbackType.Modal, modal.Type);
        var (_, reply) = await _bot.SendAsync(InteractionSpec.ModalSubmit((string)modal.Data!["custom_id"]!,
                new Dictionary<string, string> { [AnswerButton.InputId] = AnswerText(name) }, ModalShape.Label, post.Id,
                new Dictionary<string, IReadOnlyList<string>> { [AnswerButton.ShareInputId] = [share ? "share" : "private"] })
            .InGuild(_bot.GuildId, _bot.ChannelId).By(userId, name));
        return (modal, reply);
    }

    /// <summary>The next day's post goes out, which closes the previous one's window, and what that does is done.</summary>
    private async Task NextDayAsync(string localDate)
    {
        _time.Advance(TimeSpan.FromDays(1));
        await WaitForPostedAsync(localDate);
        await SettledAsync();
    }

    private ulong ThreadOf(Message post) => _bot.Discord.Messages(_bot.ChannelId).Single(m => m.Id == post.Id).Thread?.Id
        ?? throw new InvalidOperationException("The post has no thread.");

    private List<Message> Revealed(ulong thread) => _bot.Discord.Messages(thread).Where(m => m.Embeds is [{ Title: { } t }] && t.Contains("answer to", StringComparison.Ordinal)).ToList();

    private static Message By(IEnumerable<Message> messages, ulong userId) => messages.Single(m => m.Embeds[0].Description!.StartsWith($"<@{userId}>", StringComparison.Ordinal));

    private static string CustomId(Message message, string emoji, Index? row = null) =>
        message.Components![row ?? 0].Components!.Single(b => b.Emoji?.Name == emoji).CustomId!;

    private async Task<(InteractionCallback Callback, Message Message)> ClickAsync(ulong thread, Message message, string emoji, ulong userId, bool admin = false)
    {
        var spec = InteractionSpec.Button(CustomId(message, emoji), message.Id)
            .InGuild(_bot.GuildId, thread, admin ? BotFixture.AdminPermissions : InteractionSpec.MemberPermissions).By(userId, $"m{userId % 100}");
        var (_, callback) = await _bot.SendAsync(spec);
        return (callback, _bot.Discord.Messages(thread).Single(m => m.Id == message.Id));
    }

    private async Task<Message> RevealTwoAsync()
    {
        var post = await FirstPostAsync();
        await AnswerAsync(post, Ada, share: true);
        await AnswerAsync(post, Ben, share: true);
        await AnswerAsync(post, Cai, share: false);
        await NextDayAsync("2026-11-30");
        return post;
    }

    [Fact]
    public async Task Two_opted_in_answers_are_revealed_exactly_once_when_the_next_post_is_out_and_a_private_one_is_not()
    {
        var post = await FirstPostAsync();
        var (modal, shared) = await AnswerAsync(post, Ada, share: true);
        await AnswerAsync(post, Ben, share: true);
        await AnswerAsync(post, Cai, share: false);

        // The form offers the choice, private by default, and the reply says what sharing means.
        Assert.Contains("\"custom_id\":\"share\"", modal.Data!.ToJsonString());
        Assert.Contains("Shared: when the next daily question is posted", (string)shared.Data!["content"]!);
        Assert.Null(_bot.Discord.Messages(_bot.ChannelId).Single(m => m.Id == post.Id).Thread); // nothing revealed while the window is open

        await NextDayAsync("2026-11-30");
        var thread = ThreadOf(post);
        var revealed = await WaitForRevealedAsync(thread, 2);

        Assert.Equal([Ada, Ben], revealed.Select(m => By(revealed, Ada) == m ? Ada : Ben).Order());
        Assert.Contains(AnswerText("m0"), By(revealed, Ada).Embeds[0].Description);
        Assert.Equal("0", By(revealed, Ada).Components![0].Components![0].Label);
        Assert.DoesNotContain(_bot.Discord.Messages(thread), m => m.Embeds.Any(e => e.Description?.Contains($"<@{Cai}>", StringComparison.Ordinal) == true));

        // A retried post finds the day posted and settles again; a restart catches up: still one message per answer.
        await SettledAsync();
        await _bot.StopBotAsync();
        await _bot.StartBotAsync(_time);
        await _bot.Host.Services.GetServices<IHostedService>().OfType<PeerRevealCatchUp>().Single().ExecuteTask!.WaitAsync(BotFixture.Timeout);
        Assert.Equal(2, Revealed(thread).Count);
        // Sharing after the reveal is refused, and says so.
        var (_, late) = await AnswerAsync(post, Cai, share: true);
        Assert.Contains("already revealed", (string)late.Data!["content"]!);
    }

    [Fact]
    public async Task Votes_toggle_and_count_a_self_vote_is_refused_and_the_top_answer_is_marked_when_the_next_window_closes()
    {
        var post = await RevealTwoAsync();
        var thread = ThreadOf(post);
        var ada = By(await WaitForRevealedAsync(thread, 2), Ada);

        var (first, afterFirst) = await ClickAsync(thread, ada, "👍", Ben);
        Assert.Equal(InteractionCallbackType.UpdateMessage, first.Type);
        Assert.Equal("1", afterFirst.Components![0].Components![0].Label);
        var (_, toggled) = await ClickAsync(thread, ada, "👍", Ben);
        Assert.Equal("0", toggled.Components![0].Components![0].Label);
        await ClickAsync(thread, ada, "👍", Ben);
        var (_, two) = await ClickAsync(thread, ada, "👍", Cai);
        Assert.Equal("2", two.Components![0].Components![0].Label);

        var (own, unchanged) = await ClickAsync(thread, ada, "👍", Ada);
        Assert.True(BotFixture.IsEphemeral(own));
        Assert.Contains("can't vote for your own answer", (string)own.Data!["content"]!);
        Assert.Equal("2", unchanged.Components![0].Components![0].Label);

        var (_, board) = await _bot.CommandAsync("leaderboard", new Dictionary<string, object> { ["sort"] = "helpful" });
        Assert.Contains($"1. <@{Ada}> · **2**", (string)board.Data!["content"]!);

        await NextDayAsync("2026-12-01");
        var marked = await _bot.Discord.WaitForMessageAsync(thread, m => m.Id == ada.Id && m.Embeds[0].Title!.StartsWith("🏆", StringComparison.Ordinal))
            .WaitAsync(BotFixture.Timeout);
        Assert.Equal("2", marked.Components![0].Components![0].Label);
        var (closed, _) = await ClickAsync(thread, By(Revealed(thread), Ben), "👍", Cai);
        Assert.Contains("Voting on these answers closed", (string)closed.Data!["content"]!);
    }

    [Fact]
    public async Task An_admin_hides_an_answer_a_member_may_not_and_the_hidden_text_is_gone()
    {
        var post = await RevealTwoAsync();
        var thread = ThreadOf(post);
        var ben = By(await WaitForRevealedAsync(thread, 2), Ben);

        var (refused, _) = await ClickAsync(thread, ben, "🙈", Cai);
        Assert.True(BotFixture.IsEphemeral(refused));
        Assert.Contains("Manage Server", (string)refused.Data!["content"]!);

        var (hid, hidden) = await ClickAsync(thread, ben, "🙈", Ada, admin: true);
        Assert.Equal(InteractionCallbackType.UpdateMessage, hid.Type);
        Assert.Contains("A moderator hid this answer", hidden.Embeds[0].Description);
        Assert.DoesNotContain(AnswerText("m1"), hidden.ToString());
        Assert.Empty(hidden.Components ?? []);
        Assert.Equal(Ada, (await _bot.Service<IPeerStore>().ShareOfAsync($"{_bot.ChannelId}:2026-11-29", Ben))!.HiddenBy);
    }

    [Fact]
    public async Task Mydata_delete_removes_a_revealed_answer_from_the_thread_and_lists_shares_and_votes_first()
    {
        var post = await RevealTwoAsync();
        var thread = ThreadOf(post);
        var revealed = await WaitForRevealedAsync(thread, 2);
        await ClickAsync(thread, By(revealed, Ben), "👍", Ada);

        var (asked, export) = await _bot.CommandAsync("mydata", userId: Ada);
        Assert.Contains("Shared answers: 1 (1 revealed)", (string)export.Data!["content"]!);
        Assert.Contains("👍 votes you cast: 1", (string)export.Data["content"]!);
        var listing = await asked.WaitForOriginalAsync().WaitAsync(BotFixture.Timeout);
        var delete = (string)export.Data["components"]![0]!["components"]![0]!["custom_id"]!;
        var (_, deleted) = await _bot.SendAsync(InteractionSpec.Button(delete, listing.Id).InGuild(_bot.GuildId, _bot.ChannelId).By(Ada, "m0"));

        Assert.Contains("1 shared answers (1 revealed messages removed) and 1 👍 votes", (string)deleted.Data!["content"]!);
        var left = Assert.Single(Revealed(thread));
        Assert.StartsWith($"<@{Ben}>", left.Embeds[0].Description);
        Assert.DoesNotContain(_bot.Discord.Messages(thread), m => m.ToString().Contains(AnswerText("m0"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_share_is_withdrawn_from_the_confirmation_or_by_answering_again_privately_and_then_not_revealed()
    {
        var post = await FirstPostAsync();
        var (_, shared) = await AnswerAsync(post, Ada, share: true);
        var confirmation = _bot.Discord.Messages(_bot.ChannelId).Last(m => m.Components?.Any(r => r.Components?.Any(b => b.Emoji?.Name == "↩️") == true) == true);
        var (_, withdrawn) = await _bot.SendAsync(InteractionSpec.Button(CustomId(confirmation, "↩️", row: ^1), confirmation.Id).InGuild(_bot.GuildId, _bot.ChannelId).By(Ada, "m0"));
        Assert.Contains("Withdrawn", (string)withdrawn.Data!["content"]!);

        await AnswerAsync(post, Ben, share: true);
        var (reopened, privately) = await AnswerAsync(post, Ben, share: false);
        Assert.Contains("Withdrawn", (string)privately.Data!["content"]!);
        // The form opened again showed the choice as it stood (shared).
        var options = reopened.Data!["components"]![1]!["component"]!["options"]!.AsArray();
        Assert.Equal("share", (string)options.Single(o => (bool?)o!["default"] == true)!["value"]!);

        await NextDayAsync("2026-11-30");
        Assert.Null(_bot.Discord.Messages(_bot.ChannelId).Single(m => m.Id == post.Id).Thread);
        Assert.Empty(await _bot.Service<IPeerStore>().SharesOfAsync($"{_bot.ChannelId}:2026-11-29"));
    }

    /// <summary>
    /// /daily post on a posted day settles the channel again under its post lock, so its reply comes after whatever the
    /// scheduled post was still doing for the closed window.
    /// </summary>
    private async Task SettledAsync()
    {
        var (command, _) = await _bot.CommandAsync("daily", subcommand: "post", admin: true);
        var reply = await command.WaitForOriginalAsync().WaitAsync(BotFixture.Timeout);
        Assert.Contains("already posted", reply.Content);
    }

    private async Task<List<Message>> WaitForRevealedAsync(ulong thread, int count)
    {
        using var timeout = new CancellationTokenSource(BotFixture.Timeout);
        while (Revealed(thread) is var found && found.Count < count)
        {
            await Task.Delay(20, timeout.Token);
        }
        return Revealed(thread);
    }
}
