using MlePrep.Bot.Questions;

namespace MlePrep.Bot.Tests.Questions;

public sealed class QuestionLoaderTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Questions", "Fixtures", name);

    private static IReadOnlyList<string> Problems(string fixture) =>
        QuestionLoader.Read(Fixture(fixture)).Problems.Select(p => p.ToString()).ToArray();

    [Fact]
    public void A_valid_pack_loads_every_field()
    {
        var bank = QuestionLoader.LoadBank(Fixture("valid"));

        var q = bank.Find("a2")!;
        Assert.Equal("A2", q.Id);
        Assert.Equal(["llm", "serving"], q.Topics);
        Assert.Equal(["What is recomputed at each step?"], q.Hints);
        Assert.Equal(["How much memory does it take?"], q.Followups);
        Assert.Equal(("pack.yaml", 14), (q.File, q.Line));
        Assert.Equal(new DateOnly(2026, 12, 1), q.Reviewed);
        Assert.Equal(["https://docs.vllm.ai/en/latest/design/paged_attention.html"], q.Sources);
        Assert.Empty(bank.Find("A1")!.Sources);
    }

    [Fact]
    public void A_yaml_syntax_error_names_file_and_line()
    {
        var problem = Assert.Single(Problems("syntax"));
        Assert.StartsWith("pack.yaml:4: YAML syntax", problem);
    }

    [Fact]
    public void Schema_violations_name_the_field_and_its_line()
    {
        var problems = Problems("schema");

        Assert.Contains("pack.yaml:14: questions.1.category: must be one of technical, behavioral, situational, system-design, career-faq", problems);
        Assert.Contains(problems, p => p.StartsWith("pack.yaml:16: questions.1.topics.0:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("pack.yaml:20: questions.1.hints:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("pack.yaml:23: questions.1.colour: unknown field", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("questions.0", StringComparison.Ordinal));
    }

    [Fact]
    public void Duplicate_ids_across_files_are_reported_where_repeated()
    {
        var problem = Assert.Single(Problems("duplicate"));
        Assert.Equal("b.yaml:12: duplicate id 'a1' (first defined at a.yaml:2)", problem);
    }

    [Fact]
    public void Near_duplicate_prompts_are_reported()
    {
        var problem = Assert.Single(Problems("near-duplicate"));
        Assert.StartsWith("pack.yaml:11: 'A2' nearly repeats the prompt of 'A1' (pack.yaml:2)", problem);
    }

    [Fact]
    public void A_hint_card_longer_than_discord_allows_is_reported()
    {
        var problem = Assert.Single(Problems("too-long"));
        Assert.Matches(@"^pack\.yaml:2: 'A1': prompt, hints and follow-ups take \d+ characters on the last hint card; Discord allows 4096$", problem);
    }

    [Fact]
    public void An_answer_key_longer_than_discord_allows_is_reported()
    {
        var problem = Assert.Single(Problems("too-long-answer"));
        Assert.Matches(@"^pack\.yaml:2: 'A1': the answer key takes \d+ characters; Discord allows 4096$", problem);
    }

    [Fact]
    public void A_code_snippet_loads_and_shows_under_the_prompt_on_the_question_and_every_hint_card()
    {
        var q = QuestionLoader.LoadBank(Fixture("code")).Find("C1")!;

        Assert.StartsWith("```python\nfor x, y in loader:", q.Code, StringComparison.Ordinal);
        Assert.EndsWith("loss.backward()\n```", q.Code, StringComparison.Ordinal);
        Assert.Equal($"What is wrong with this loop?\n{q.Code}", QuestionCards.QuestionEmbed(q).Description);
        Assert.StartsWith($"**What is wrong with this loop?**\n{q.Code}\n\n1. ", QuestionCards.HintEmbed(q, 1).Description, StringComparison.Ordinal);
        Assert.Contains(q.Code!, QuestionCards.HintEmbed(q, 2).Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_code_snippet_longer_than_25_lines_is_reported()
    {
        var problem = Assert.Single(Problems("code-too-long"));
        Assert.Equal("pack.yaml:2: 'C1': the code snippet has 26 lines between its fences; at most 25", problem);
    }

    [Fact]
    public void A_code_snippet_must_be_a_fenced_block_with_a_language_tag()
    {
        var problem = Assert.Single(Problems("code-unfenced"));
        Assert.Equal("pack.yaml:9: questions.0.code: must be one fenced code block with a language tag (```python … ```), at most 1500 characters", problem);
    }

    [Fact]
    public void Sources_must_be_absolute_http_urls()
    {
        var problems = Problems("sources-not-url");

        Assert.Equal(
            [
                "a.yaml:12: questions.0.sources.0: must be an absolute http(s) URL of at most 300 characters",
                "a.yaml:13: questions.0.sources.1: must be an absolute http(s) URL of at most 300 characters",
                "b.yaml:2: 'B1': source 'https://docs[python.org/3/' is not an absolute http(s) URL",
            ],
            problems);
    }

    [Fact]
    public void Reviewed_must_be_a_valid_month()
    {
        var problem = Assert.Single(Problems("reviewed-not-a-month"));
        Assert.Equal("pack.yaml:7: questions.0.reviewed: must be a month written YYYY-MM, e.g. 2026-12", problem);
    }

    [Fact]
    public void Reviewed_is_required()
    {
        var problem = Assert.Single(Problems("reviewed-missing"));
        Assert.StartsWith("pack.yaml:2: questions.0:", problem);
        Assert.Contains("reviewed", problem);
    }

    [Fact]
    public void A_review_older_than_18_months_or_in_the_future_is_a_warning_not_a_problem()
    {
        var (questions, problems) = QuestionLoader.Read(Fixture("reviewed-stale"));

        var warnings = QuestionRules.Warnings(questions, new DateOnly(2026, 12, 1)).Select(w => w.ToString());

        Assert.Empty(problems);
        Assert.Equal(
            [
                "pack.yaml:11: 'A2': last reviewed 2025-05, 19 months ago; check its facts and sources again",
                "pack.yaml:20: 'A3': reviewed 2027-01 is in the future",
            ],
            warnings);
    }

    [Fact]
    public void A_broken_folder_stops_loading_with_every_problem_listed()
    {
        var e = Assert.Throws<QuestionBankException>(() => QuestionLoader.LoadBank(Fixture("schema")));
        Assert.Contains("pack.yaml:14", e.Message);
        Assert.Contains("pack.yaml:23", e.Message);
    }

    [Fact]
    public void A_missing_folder_is_a_problem_not_a_crash()
    {
        var problem = Assert.Single(Problems("does-not-exist"));
        Assert.EndsWith("folder not found", problem);
    }

    [Fact]
    public void Every_broken_file_gets_one_line_with_its_line_number_and_none_stops_the_others()
    {
        // Before: the unclosed '[' threw InvalidOperationException, the '? [x]' key InvalidCastException, and the
        // self-referencing alias overflowed the stack, deep nesting failed the schema check — each a crash with no file name.
        Assert.Equal(
            [
                "a-unclosed-list.yaml:5: YAML syntax: this '[' is never closed",
                "b-complex-key.yaml:3: a key must be a plain name, not a list or a mapping (a '? [ ]' or '? { }' key)",
                "c-unclosed-mapping.yaml:3: YAML syntax: While parsing a flow mapping, did not find expected ',' or '}'.",
                "d-alias-loop.yaml:1: anchors and aliases (&name, *name) are not supported: write the value out",
                "e-too-deep.yaml:1: nested too deeply (a question pack needs 4 levels)",
            ],
            Problems("broken-files"));
    }

    [Fact]
    public void Questions_validate_lists_broken_files_without_a_stack_trace()
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();

        var code = QuestionsCli.Run(["questions", "validate", Fixture("broken-files")], output, errors);

        Assert.Equal(1, code);
        var lines = errors.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        Assert.EndsWith("5 problem(s) in " + Fixture("broken-files"), lines[^1]);
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_a_problem_not_a_crash()
    {
        var folder = Directory.CreateTempSubdirectory("mleprep-questions-").FullName;
        try
        {
            File.CreateSymbolicLink(Path.Combine(folder, "gone.yaml"), Path.Combine(folder, "missing-target.yaml"));

            var problem = Assert.Single(QuestionLoader.Read(folder).Problems);

            Assert.StartsWith("gone.yaml:0: cannot be read: ", problem.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
