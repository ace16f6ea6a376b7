using Microsoft.Extensions.Options;

namespace MlePrep.Bot.Questions;

/// <summary>
/// Taking the bank loads and validates it while the host starts; then says how many questions it holds, and whether
/// any need a person's attention (facts not reviewed for a long time): those do not stop the bot.
/// </summary>
internal sealed class QuestionBankWarmup(QuestionBank bank, IOptions<QuestionsOptions> options, TimeProvider time, ILogger<QuestionBankWarmup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var folder = options.Value.ResolveFolder();
        Log.QuestionsLoaded(logger, bank.All.Count, folder);
        var warnings = QuestionRules.Warnings(bank.All, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)).ToArray();
        if (warnings.Length > 0)
        {
            Log.QuestionWarnings(logger, warnings.Length, folder, warnings[0].ToString());
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
