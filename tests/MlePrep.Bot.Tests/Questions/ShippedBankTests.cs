using Microsoft.Extensions.Time.Testing;
using MlePrep.Bot.Questions;

namespace MlePrep.Bot.Tests.Questions;

/// <summary>The bank in questions/ is what members practise on: a broken or thin bank must not land.</summary>
public sealed class ShippedBankTests
{
    private static readonly string Seed = """
        Q1|What is the difference between a data scientist and an ML engineer?|DS: experimentation, insights, model building. MLE: productionizing models, ML infrastructure, scalable model serving, latency/throughput optimization.
        Q3|What is model drift and how do you detect it?|Data drift (input distribution change) vs concept drift (input→output relationship change). Detection: statistical tests (KS test, PSI), monitoring prediction distributions, champion-challenger.
        Q6|How do you handle serving a large language model at scale?|Quantization (INT8, INT4), vLLM for throughput, caching (KV cache), batching, model sharding (tensor parallelism), dynamic batching.
        B2|Describe a time you significantly reduced model latency or cost.|What was the baseline, what technique you applied (quantization, caching, distillation), and the measured improvement.
        S2|Design an ML system for real-time fraud detection.|Feature engineering (velocity, device fingerprint, user history), model choice (GBM vs neural), latency constraints (<100ms), class imbalance, feedback loop, model updates.
        """;

    [Fact]
    public void The_shipped_bank_passes_the_validator()
    {
        var (_, problems) = QuestionLoader.Read(new QuestionsOptions().ResolveFolder());
        Assert.Empty(problems);
    }

    [Fact]
    public void The_bank_is_broad_enough_to_practise_on()
    {
        var bank = TestData.RealBank;
        Assert.True(bank.All.Count >= 300, $"{bank.All.Count} questions");
        Assert.All(bank.Topics, t => Assert.True(bank.Filter(new QuestionFilter(Topic: t)).Count >= 10, t));
        var hard = bank.All.Count(q => q.Difficulty == "hard");
        Assert.True(hard * 10 >= bank.All.Count * 3, $"{hard} of {bank.All.Count} questions are hard");
        Assert.Equal(QuestionSchema.Instance.Topics, bank.Topics);
        Assert.All(bank.All, q => Assert.True(q.Hints.Count >= 2 && q.Answer.Count >= 1, q.Id));
        Assert.All(bank.All.Where(q => q.Category is "system-design" or "behavioral"), q => Assert.NotEmpty(q.Rubric));
    }

    [Fact]
    public void Code_reading_questions_show_a_snippet_and_TensorFlow_is_tested_directly()
    {
        var bank = TestData.RealBank;
        var codeReading = bank.All.Where(q => q.Topics.Contains("code-reading")).ToList();

        Assert.True(codeReading.Count >= 40, $"{codeReading.Count} code-reading questions");
        Assert.All(codeReading, q => Assert.NotNull(q.Code));
        Assert.All(bank.All.Where(q => q.Code is not null), q => Assert.Contains("code-reading", q.Topics));
        var tensorFlow = bank.All.Count(q => $"{q.Prompt} {q.Code}".Contains("tf.", StringComparison.Ordinal)
            || q.Prompt.Contains("TensorFlow", StringComparison.Ordinal) || q.Prompt.Contains("Keras", StringComparison.Ordinal));
        Assert.True(tensorFlow >= 5, $"{tensorFlow} TensorFlow/Keras questions");
    }

    [Fact]
    public void The_seed_questions_keep_their_ids_prompts_and_first_hints_verbatim()
    {
        foreach (var line in Seed.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var (id, prompt, hint) = line.Split('|') switch { var p => (p[0], p[1], p[2]) };
            var q = TestData.RealBank.Find(id)!;
            Assert.Equal(prompt, q.Prompt);
            Assert.Equal(hint, q.Hints[0]);
            Assert.Equal("seed", q.Source);
        }
        Assert.All(new[] { "Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "B1", "B2", "S1", "S2" }, id => Assert.NotNull(TestData.RealBank.Find(id)));
    }

    [Fact]
    public void The_guides_faq_items_are_career_faq_and_never_picked_at_random()
    {
        var bank = TestData.RealBank;

        Assert.All(new[] { "D25", "T50", "T51", "T52", "B20" }, id =>
        {
            var q = bank.Find(id)!;
            Assert.Equal(("career-faq", "seed"), (q.Category, q.Source));
            Assert.StartsWith("The guide's", q.Answer[0], StringComparison.Ordinal);
        });
        Assert.DoesNotContain(bank.Filter(QuestionFilter.None), q => q.Category == "career-faq");
    }

    [Theory]
    [InlineData("TorchServe", "archived")]
    [InlineData("TorchScript", "deprecated")]
    public void Answer_keys_name_retired_tools_only_with_the_caveat_and_a_source(string tool, string caveat)
    {
        var keys = TestData.RealBank.All.Where(q => q.Answer.Any(a => a.Contains(tool, StringComparison.Ordinal))).ToArray();

        Assert.NotEmpty(keys);
        Assert.All(keys, q =>
        {
            Assert.All(q.Answer.Where(a => a.Contains(tool, StringComparison.Ordinal)), a => Assert.Contains(caveat, a, StringComparison.Ordinal));
            Assert.NotEmpty(q.Sources);
        });
    }

    [Fact]
    public void Validate_prints_problems_as_file_line_message_and_exits_non_zero()
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var fixture = Path.Combine(AppContext.BaseDirectory, "Questions", "Fixtures", "duplicate");

        var code = QuestionsCli.Run(["questions", "validate", fixture], output, errors);

        Assert.Equal(1, code);
        Assert.StartsWith("b.yaml:12: duplicate id 'a1'", errors.ToString());
    }

    [Fact]
    public void Validate_prints_warnings_against_the_injected_clock_and_still_exits_zero()
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var fixture = Path.Combine(AppContext.BaseDirectory, "Questions", "Fixtures", "reviewed-stale");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

        var code = QuestionsCli.Run(["questions", "validate", fixture], output, errors, time);

        Assert.Equal(0, code);
        Assert.StartsWith("pack.yaml:11: warning: 'A2': last reviewed 2025-05, 19 months ago", errors.ToString());
        Assert.Contains("3 questions in", output.ToString());
        Assert.Contains("all valid, 2 warning(s).", output.ToString());
    }

    [Fact]
    public void Validate_prints_the_coverage_table_when_clean()
    {
        var output = new StringWriter();

        var code = QuestionsCli.Run(["questions", "validate"], output, TextWriter.Null);

        Assert.Equal(0, code);
        Assert.Contains("| category | easy | medium | hard | total |", output.ToString());
        Assert.Contains("| system-design |", output.ToString());
    }
}
