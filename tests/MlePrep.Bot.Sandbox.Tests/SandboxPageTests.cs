using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Sandbox.Tests;

/// <summary>
/// The sandbox page in headless Chromium against the real bot: practice, hints, the answer modal, a daily schedule
/// fast-forwarded to its post, streaks and the leaderboard, and an admin command refused to a member.
/// </summary>
[Trait("Category", "Browser")]
public sealed class SandboxPageTests : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "TestResults");
    private const string Answer = "Compare training and live feature distributions with PSI or KS tests, and watch the label delay.";

    private readonly string _database = Path.Combine(Path.GetTempPath(), $"mleprep-sandbox-{Guid.NewGuid():N}.db");
    private SandboxApp _sandbox = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        // .ci/run installs Debian's chromium; a machine without it must fail here, not skip.
        Assert.True(File.Exists(Chromium), $"Chromium is missing at {Chromium}: install it with `apt-get install -y --no-install-recommends chromium` (.ci/run does).");
        _sandbox = await SandboxApp.StartAsync(["--port", "0", "--Sandbox:DatabasePath", _database, "--Logging:LogLevel:Default", "Warning"]);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            // Without the networking switches Chromium keeps calling home on a closed network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        _page = await _browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 }, TimezoneId = "Europe/Berlin", Locale = "en-US" });
        _page.SetDefaultTimeout(15_000);
        Assertions.SetDefaultExpectTimeout(15_000);
        await _page.GotoAsync(_sandbox.Url.ToString());
        await Assertions.Expect(_page.Locator("body[data-ready=true]")).ToBeAttachedAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _sandbox.DisposeAsync();
        File.Delete(_database);
        File.Delete(Path.ChangeExtension(_database, null) + "-log.db");
    }

    [Fact]
    public async Task A_member_practises_an_admin_schedules_a_daily_question_and_answers_build_a_streak()
    {
        await ActAsAsync("Grace");

        // /question with a topic the bot suggests through autocomplete.
        await PickCommandAsync("/question", "/question");
        await _page.Locator("#optional button", new() { HasText = "+ topic" }).ClickAsync();
        await _page.Locator(".pill[data-option=topic] input").FillAsync("drift");
        await _page.Locator("#popup button", new() { HasText = "monitoring-drift" }).ClickAsync();
        await _page.Keyboard.PressAsync("Enter");
        var question = Messages().Filter(new() { Has = _page.Locator(".embed-field", new() { HasText = "monitoring-drift" }) }).Last;
        await Assertions.Expect(question.Locator(".btn", new() { HasText = "Hint" })).ToBeVisibleAsync();
        await ScreenshotAsync("question");

        // Hint: ephemeral, seen by Grace only.
        await question.Locator(".btn", new() { HasText = "Hint" }).ClickAsync();
        var hint = Messages().Filter(new() { HasText = "Only you can see this" }).Filter(new() { HasText = "hint 1 of" });
        await Assertions.Expect(hint).ToBeVisibleAsync();
        await ScreenshotAsync("hint");
        await ActAsAsync("Linus");
        await Assertions.Expect(hint).ToHaveCountAsync(0);
        await ActAsAsync("Grace");
        await Assertions.Expect(hint).ToBeVisibleAsync();

        // Answer through the modal: Discord's client enforces the minimum length before sending.
        await question.Locator(".btn", new() { HasText = "Answer" }).ClickAsync();
        await SubmitAnswerAsync();
        await Assertions.Expect(Messages().Filter(new() { HasText = "Saved your answer" }).Filter(new() { HasText = "answer key" })).ToBeVisibleAsync();

        // Ada schedules a daily question in #daily-question; the time zone comes from the bot's autocomplete.
        await _page.Locator("#channels button[data-channel=daily-question]").ClickAsync();
        await ActAsAsync("Ada");
        await PickCommandAsync("/daily s", "/daily set");
        await _page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(_page.Locator("#composer-error")).ToContainTextAsync("this field is required");
        await _page.Locator(".pill[data-option=time] input").FillAsync("09:00");
        await _page.Locator(".pill[data-option=timezone] input").FillAsync("Europe/Ber");
        await _page.Locator("#popup button", new() { HasText = "Europe/Berlin" }).ClickAsync();
        await _page.Locator("#optional button", new() { HasText = "+ thread" }).ClickAsync();
        await _page.Locator("#popup button", new() { HasText = "True" }).ClickAsync();
        await _page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Messages().Filter(new() { HasText = "Daily question set" })).ToBeVisibleAsync();

        // Fast-forward the bot's clock: the post appears now.
        await _page.Locator("#next-daily").ClickAsync();
        var daily = Messages().Filter(new() { Has = _page.Locator(".embed-title", new() { HasTextRegex = new Regex("^Daily question") }) });
        await Assertions.Expect(daily).ToHaveCountAsync(1);
        await Assertions.Expect(daily.Locator(".thread-chip")).ToContainTextAsync("Thread:");

        // Grace answers the daily question; the post's answer count is edited live.
        await ActAsAsync("Grace");
        await daily.Locator(".btn", new() { HasText = "Answer" }).ClickAsync();
        await SubmitAnswerAsync();
        await Assertions.Expect(Messages().Filter(new() { HasText = "Your streak in" })).ToContainTextAsync("Your streak in #daily-question: 1");
        await Assertions.Expect(daily).ToContainTextAsync("1 member answered");
        await Assertions.Expect(daily.Locator(".edited")).ToBeVisibleAsync();
        await ScreenshotAsync("daily");

        await SendAsync("/streak", "/streak");
        await Assertions.Expect(Messages().Filter(new() { HasText = "Streaks of @Grace" })).ToContainTextAsync("Current streak: 1");
        await SendAsync("/leaderboard", "/leaderboard");
        await Assertions.Expect(Messages().Filter(new() { HasText = "🏆" })).ToContainTextAsync("1. @Grace · 1 (you)");
        await ScreenshotAsync("leaderboard");

        // Linus lacks Manage Server: the command is marked, and the bot refuses it.
        await ActAsAsync("Linus");
        await _page.Locator("#composer-input").FillAsync("/daily s");
        await Assertions.Expect(_page.Locator("#popup button", new() { HasText = "/daily set" })).ToContainTextAsync("Manage Server");
        await _page.Locator("#popup button", new() { HasText = "/daily set" }).ClickAsync();
        await _page.Locator(".pill[data-option=time] input").FillAsync("10:00");
        await _page.Locator(".pill[data-option=timezone] input").FillAsync("UTC");
        await _page.Locator("#popup button", new() { HasText = "UTC" }).First.ClickAsync();
        await _page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Messages().Filter(new() { HasText = "Only members with the Manage Server permission" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_member_grades_an_answer_against_the_rubric_and_stats_shows_the_picture()
    {
        await ActAsAsync("Grace");
        await SendAsync("/question", "/question");
        var question = Messages().Filter(new() { Has = _page.Locator(".btn", new() { HasText = "Answer" }) }).Last;
        await question.Locator(".btn", new() { HasText = "Answer" }).ClickAsync();
        await SubmitAnswerAsync();
        var key = Messages().Filter(new() { HasText = "Saved your answer" }).Last;
        await Assertions.Expect(key.Locator(".btn", new() { HasText = "Partly" })).ToBeVisibleAsync();

        // Tick the first rubric point (where the question has a rubric): the grade buttons then carry it.
        if (await key.Locator(".select select").CountAsync() > 0)
        {
            await key.Locator(".select select").SelectOptionAsync(["0"]);
            await key.Locator(".select .btn").ClickAsync();
            await Assertions.Expect(key.Locator(".btn[data-custom-id$=':p:1']")).ToHaveCountAsync(1);
        }
        await key.Locator(".btn", new() { HasText = "Partly" }).ClickAsync();
        await Assertions.Expect(key).ToContainTextAsync("Graded Partly");
        await Assertions.Expect(key.Locator(".btn")).ToHaveCountAsync(0);

        await SendAsync("/stats", "/stats");
        var stats = Messages().Filter(new() { HasText = "Your stats" });
        await Assertions.Expect(stats.Locator("img.embed-image")).ToBeVisibleAsync();
        // The PNG the bot uploaded loads on the page (from the page's own origin) at its full size.
        await _page.WaitForFunctionAsync("() => { const i = document.querySelector('img.embed-image'); return i && i.complete && i.naturalWidth === 800 && i.naturalHeight === 520; }");
        await ScreenshotAsync("stats");
    }

    [Fact]
    public async Task Bot_text_is_escaped_and_discord_markup_is_rendered_in_the_viewers_zone()
    {
        const string Text = "<img src=x onerror=alert(1)> **bold** *it* `<b>code</b>` <@1> <@&2> <#3> <t:0:t> <t:172800:R>\n- item";
        var html = await _page.EvaluateAsync<string>("""
            async text => {
              const { markdown } = await import('/render.js');
              const ctx = { now: () => new Date(0), userName: () => '<i>Ada</i>', roleName: () => 'daily-pings', channelName: () => 'interview-prep' };
              return markdown(text, ctx);
            }
            """, Text);

        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<i>", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
        Assert.Contains("<strong>bold</strong> <em>it</em> <code>&lt;b&gt;code&lt;/b&gt;</code>", html);
        Assert.Contains("@&lt;i&gt;Ada&lt;/i&gt;", html);
        Assert.Contains("@daily-pings", html);
        Assert.Contains("#interview-prep", html);
        Assert.Contains(">01:00 AM</time>", html);
        Assert.Contains(">in 2 days</time>", html);
        Assert.Contains("<ul><li>item</li></ul>", html);
    }

    [Fact]
    public async Task Deferred_ephemeral_replies_embeds_buttons_edits_and_threads_render_as_discord_shows_them()
    {
        var result = await _page.EvaluateAsync<Dictionary<string, string>>("""
            async () => {
              const { renderMessage, isVisibleTo } = await import('/render.js');
              const ctx = { now: () => new Date(0), userName: id => id === '7' ? 'Grace' : 'Linus', roleName: () => '', channelName: () => '',
                            onButton: () => {}, failure: () => null };
              const author = { username: 'MlePrep', bot: true };
              const thinking = { id: '1', author, timestamp: '2026-11-29T08:00:00Z', flags: 64 | 128, interaction_metadata: { type: 2, user: { id: '7' } } };
              const post = {
                id: '2', author, timestamp: '2026-11-29T08:00:00Z', edited_timestamp: '2026-11-29T08:01:00Z', flags: 0, content: '',
                embeds: [{ title: 'Daily question', color: 0x57F287, fields: [{ name: 'Difficulty', value: 'easy', inline: true }], footer: { text: '1 member answered' } }],
                components: [{ type: 1, components: [{ type: 2, style: 3, label: 'Answer', emoji: { name: '✍️' }, custom_id: 'a' },
                                                     { type: 2, style: 4, label: 'Delete', custom_id: 'd', disabled: true }] }],
                thread: { name: 'Discuss: Sun 29 Nov' },
              };
              const a = renderMessage(thinking, ctx), b = renderMessage(post, ctx);
              return {
                thinking: a.querySelector('.thinking').textContent, onlyYou: a.querySelector('.only-you').textContent,
                used: a.querySelector('.used').textContent, hiddenFromOthers: String(!isVisibleTo(thinking, '8') && isVisibleTo(post, '8')),
                colour: b.querySelector('.embed').style.borderLeftColor, inlineField: String(b.querySelector('.embed-field').classList.contains('inline')),
                footer: b.querySelector('.embed-footer').textContent, edited: b.querySelector('.head .edited').textContent,
                buttons: [...b.querySelectorAll('.btn')].map(x => `${x.className}|${x.textContent}|${x.disabled}`).join(';'),
                thread: b.querySelector('.thread-chip').textContent,
              };
            }
            """);

        Assert.Equal("MlePrep is thinking", result["thinking"]);
        Assert.Equal("👁 Only you can see this", result["onlyYou"]);
        Assert.Equal("↳ Grace used a command", result["used"]);
        Assert.Equal("true", result["hiddenFromOthers"]);
        Assert.Equal("rgb(87, 242, 135)", result["colour"]);
        Assert.Equal("true", result["inlineField"]);
        Assert.Equal("1 member answered", result["footer"]);
        Assert.Equal("(edited)", result["edited"]);
        Assert.Equal("btn s3|✍️ Answer|false;btn s4|Delete|true", result["buttons"]);
        Assert.Equal("🧵 Thread: Discuss: Sun 29 Nov", result["thread"]);
    }

    [Fact]
    public async Task A_timestamp_out_of_range_is_shown_as_typed_and_the_channel_keeps_refreshing()
    {
        // Before: new Date(1e20).toISOString() threw a RangeError in the page's message handler, and the channel
        // stopped showing new messages.
        var channel = await _page.EvaluateAsync<string>("async () => (await (await fetch('/api/world')).json()).channels[0].id");
        var rest = _sandbox.Bot.Services.GetRequiredService<IDiscordRestClient>();
        var channelId = ulong.Parse(channel, CultureInfo.InvariantCulture);

        await rest.CreateMessageAsync(channelId, new MessagePayload { Content = "Due <t:99999999999999999:R>, posted <t:0:D>" }, default);
        await rest.CreateMessageAsync(channelId, new MessagePayload { Content = "The next message" }, default);

        await Assertions.Expect(Messages().Filter(new() { HasText = "Due <t:99999999999999999:R>, posted" })).ToBeVisibleAsync();
        await Assertions.Expect(Messages().Filter(new() { HasText = "Due" }).Locator("time.ts")).ToHaveCountAsync(1);
        await Assertions.Expect(Messages().Filter(new() { HasText = "The next message" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_message_the_page_cannot_render_does_not_hide_the_others()
    {
        var result = await _page.EvaluateAsync<string[]>("""
            async () => {
              const { renderMessageList } = await import('/render.js');
              const ctx = { now: () => new Date(0), userName: () => 'Grace', roleName: () => '', channelName: () => '', onButton: () => {}, failure: () => null };
              const message = (id, content) => ({ id, author: { username: 'MlePrep', bot: true }, timestamp: 'not a date', flags: 0, content });
              const broken = { id: '2', timestamp: '2026-11-29T08:00:00Z', flags: 0, content: 'no author' };
              return renderMessageList([message('1', 'first'), broken, message('3', 'third')], ctx).map(n => `${n.className}|${n.dataset.id}`);
            }
            """);

        Assert.Equal(["message|1", "message unrenderable|2", "message|3"], result);
    }

    [Fact]
    public async Task A_member_runs_a_mock_interview_in_a_private_thread_others_do_not_see_and_the_clock_runs_out_a_time_box()
    {
        await ActAsAsync("Grace");
        await SendAsync("/mock s", "/mock start");
        await Assertions.Expect(Messages().Filter(new() { HasText = "Your mock interview is in" })).ToBeVisibleAsync();
        var thread = _page.Locator("#channels button.thread");
        await Assertions.Expect(thread).ToHaveTextAsync("🔒 Mock interview · Grace");
        await thread.ClickAsync();

        // Answered: the next question follows.
        var first = Messages().Filter(new() { HasText = "Question 1 of 3" });
        await first.Locator(".btn", new() { HasText = "Answer" }).ClickAsync();
        await SubmitAnswerAsync();
        await Assertions.Expect(Messages().Filter(new() { HasText = "Question 2 of 3" })).ToBeVisibleAsync();

        // Two 5-minute steps run out its 6 min 40 s box: question 3 comes on its own; skipped, the summary.
        await _page.Locator("#clock-step").ClickAsync();
        await _page.Locator("#clock-step").ClickAsync();
        var third = Messages().Filter(new() { HasText = "Question 3 of 3" });
        await Assertions.Expect(third).ToContainTextAsync("Time's up on question 2");
        await third.Locator(".btn", new() { HasText = "Skip" }).ClickAsync();
        await Assertions.Expect(Messages().Filter(new() { HasText = "Mock interview over" })).ToContainTextAsync("1 answered · 1 timed out · 1 skipped");
        await ScreenshotAsync("mock-summary");

        // Linus is not in the private thread: it is not listed for him.
        await ActAsAsync("Linus");
        await Assertions.Expect(_page.Locator("#channels button.thread")).ToHaveCountAsync(0);
        await Assertions.Expect(_page.Locator("#channel-name")).Not.ToHaveTextAsync("Mock interview · Grace");
    }

    [Fact]
    public async Task Shared_daily_answers_appear_in_a_thread_when_the_next_question_is_out_and_members_vote_on_them()
    {
        await _page.Locator("#channels button[data-channel=daily-question]").ClickAsync();
        await ActAsAsync("Ada");
        await PickCommandAsync("/daily s", "/daily set");
        await _page.Locator(".pill[data-option=time] input").FillAsync("09:00");
        await _page.Locator(".pill[data-option=timezone] input").FillAsync("UTC");
        await _page.Locator("#popup button", new() { HasText = "UTC" }).First.ClickAsync();
        await _page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Messages().Filter(new() { HasText = "Daily question set" })).ToBeVisibleAsync();
        await _page.Locator("#next-daily").ClickAsync();
        var daily = Messages().Filter(new() { Has = _page.Locator(".embed-title", new() { HasTextRegex = new Regex("^Daily question") }) });
        await Assertions.Expect(daily).ToHaveCountAsync(1);

        // Grace shares her answer in the form; Linus keeps his private (the default).
        foreach (var (member, share) in new[] { ("Grace", true), ("Linus", false) })
        {
            await ActAsAsync(member);
            await daily.Locator(".btn", new() { HasText = "Answer" }).ClickAsync();
            var modal = _page.Locator("dialog#modal[open]");
            await Assertions.Expect(modal.Locator("select")).ToHaveValueAsync("private");
            if (share)
            {
                await modal.Locator("select").SelectOptionAsync("share");
            }
            await modal.Locator("textarea").FillAsync(Answer + $" ({member})");
            await modal.Locator("button[value=submit]").ClickAsync();
            await Assertions.Expect(Messages().Filter(new() { HasText = share ? "Shared: when the next daily question is posted" : "Your answer stays private" })).ToBeVisibleAsync();
        }

        // The next post closes the window: Grace's answer shows in a thread on the first post, Linus's does not.
        await _page.Locator("#next-daily").ClickAsync();
        await Assertions.Expect(daily).ToHaveCountAsync(2);
        var thread = _page.Locator("#channels button.thread", new() { HasText = "shared answers" });
        await thread.ClickAsync();
        var shared = Messages().Filter(new() { HasText = "(Grace)" });
        await Assertions.Expect(shared).ToBeVisibleAsync();
        await Assertions.Expect(Messages().Filter(new() { HasText = "(Linus)" })).ToHaveCountAsync(0);

        // Linus finds it helpful.
        await shared.Locator(".btn", new() { HasText = "👍" }).ClickAsync();
        await Assertions.Expect(shared.Locator(".btn", new() { HasText = "👍" })).ToContainTextAsync("1");
        await ScreenshotAsync("shared-answers");
    }

    private ILocator Messages() => _page.Locator("#messages .message");

    private async Task ActAsAsync(string name)
    {
        await _page.Locator($"#members button[data-member={name}]").ClickAsync();
        await Assertions.Expect(_page.Locator("#me-name")).ToHaveTextAsync(name);
    }

    private async Task PickCommandAsync(string typed, string command)
    {
        await _page.Locator("#composer-input").FillAsync(typed);
        await _page.Locator("#popup button", new() { HasText = command }).First.ClickAsync();
        await Assertions.Expect(_page.Locator("#command-chip")).ToHaveTextAsync(command);
    }

    private async Task SendAsync(string typed, string command)
    {
        await PickCommandAsync(typed, command);
        await _page.Locator("#composer-input").PressAsync("Enter");
    }

    private async Task SubmitAnswerAsync()
    {
        var modal = _page.Locator("dialog#modal[open]");
        await modal.Locator("textarea").FillAsync("too short");
        await modal.Locator("button[value=submit]").ClickAsync();
        await Assertions.Expect(modal).ToBeVisibleAsync();
        await modal.Locator("textarea").FillAsync(Answer);
        await modal.Locator("button[value=submit]").ClickAsync();
        await Assertions.Expect(modal).ToHaveCountAsync(0);
    }

    private async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(Screenshots);
        await _page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"sandbox-{name}.png") });
    }
}
