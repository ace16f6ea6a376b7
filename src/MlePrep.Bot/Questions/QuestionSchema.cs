using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace MlePrep.Bot.Questions;

/// <summary>
/// The published JSON Schema of a question pack (questions/question-pack.schema.json, embedded in the binary).
/// Its enums are the one list of categories, difficulties and topics the bot knows.
/// </summary>
internal sealed class QuestionSchema
{
    // Made once, not per file checked.
    private static readonly EvaluationOptions PassOrFail = new() { OutputFormat = OutputFormat.Flag };
    private static readonly EvaluationOptions EveryFailure = new() { OutputFormat = OutputFormat.List };

    private readonly JsonSchema _schema;

    private QuestionSchema(string text)
    {
        var root = JsonNode.Parse(text)!;
        var question = root["$defs"]!["question"]!["properties"]!;
        Categories = Enum(question["category"]!["enum"]!);
        Difficulties = Enum(question["difficulty"]!["enum"]!);
        Topics = Enum(question["topics"]!["items"]!["enum"]!);
        _schema = JsonSchema.FromText(text);
    }

    public static QuestionSchema Instance { get; } = new(ReadEmbedded());

    public IReadOnlyList<string> Categories { get; }

    public IReadOnlyList<string> Difficulties { get; }

    public IReadOnlyList<string> Topics { get; }

    /// <summary>Schema violations as (JSON pointer of the offending value, message).</summary>
    public IEnumerable<(string Pointer, string Message)> Check(JsonNode document)
    {
        using var json = JsonDocument.Parse(document.ToJsonString());
        // A valid pack (the usual case at every start) needs only the pass/fail answer; the list of every failure with
        // its location is built only for a pack that fails.
        if (_schema.Evaluate(json.RootElement, PassOrFail).IsValid)
        {
            yield break;
        }
        var results = _schema.Evaluate(json.RootElement, EveryFailure);
        foreach (var detail in results.Details ?? [])
        {
            foreach (var (_, message) in detail.Errors ?? new Dictionary<string, string>())
            {
                yield return (detail.InstanceLocation.ToString(), message);
            }
        }
    }

    private static string[] Enum(JsonNode node) => node.AsArray().Select(n => n!.GetValue<string>()).ToArray();

    private static string ReadEmbedded()
    {
        using var stream = typeof(QuestionSchema).Assembly.GetManifestResourceStream("question-pack.schema.json")
            ?? throw new InvalidOperationException("The question schema is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
