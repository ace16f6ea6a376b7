using Microsoft.Extensions.Options;

namespace MlePrep.Bot.Questions;

/// <summary>Taking the bank loads and validates it while the host starts; then says how many questions it holds.</summary>
internal sealed class QuestionBankWarmup(QuestionBank bank, IOptions<QuestionsOptions> options, ILogger<QuestionBankWarmup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Log.QuestionsLoaded(logger, bank.All.Count, options.Value.ResolveFolder());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
