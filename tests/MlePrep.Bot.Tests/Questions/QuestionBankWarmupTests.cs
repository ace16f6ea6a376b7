using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MlePrep.Bot.Questions;

namespace MlePrep.Bot.Tests.Questions;

public sealed class QuestionBankWarmupTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<FakeLogRecord> Start(string fixture)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Questions", "Fixtures", fixture);
        var logger = new FakeLogger<QuestionBankWarmup>();
        var warmup = new QuestionBankWarmup(
            QuestionLoader.LoadBank(folder), Options.Create(new QuestionsOptions { Path = folder }), new FakeTimeProvider(Now), logger);

        warmup.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        return logger.Collector.GetSnapshot();
    }

    [Fact]
    public void Start_warns_once_about_questions_due_for_review_by_the_injected_clock()
    {
        var warning = Assert.Single(Start("reviewed-stale"), r => r.Level == LogLevel.Warning);

        Assert.Equal(800, warning.Id.Id);
        Assert.Contains("2 question(s)", warning.Message);
        Assert.Contains("pack.yaml:11: 'A2': last reviewed 2025-05", warning.Message);
    }

    [Fact]
    public void Start_does_not_warn_while_every_review_is_recent()
    {
        Assert.DoesNotContain(Start("valid"), r => r.Level == LogLevel.Warning);
    }
}
