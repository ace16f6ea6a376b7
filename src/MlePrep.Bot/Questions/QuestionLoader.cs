using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Core.Tokens;
using YamlDotNet.RepresentationModel;

namespace MlePrep.Bot.Questions;

/// <summary>
/// Reads every <c>*.yaml</c> pack in a folder: YAML syntax, then the published schema, then the rules a schema
/// cannot express (<see cref="QuestionRules"/>). Every problem carries its file and line.
/// </summary>
public static class QuestionLoader
{
    /// <summary>
    /// Builds the pack schema (~0.1 s at start, also ReadyToRun) on another thread, for a caller with other work to do
    /// before it loads a bank: the process start builds it while the host is built.
    /// </summary>
    public static Task PrepareSchemaAsync() => Task.Run(() => QuestionSchema.Instance);

    /// <summary>Loads the folder or throws <see cref="QuestionBankException"/> listing every problem.</summary>
    public static QuestionBank LoadBank(string folder)
    {
        var (questions, problems) = Read(folder);
        return problems.Count > 0 ? throw new QuestionBankException(folder, problems) : new QuestionBank(questions);
    }

    /// <summary>Reads the folder and returns what loaded and every problem found.</summary>
    public static (IReadOnlyList<Question> Questions, IReadOnlyList<QuestionProblem> Problems) Read(string folder)
    {
        var problems = new List<QuestionProblem>();
        var questions = new List<Question>();
        if (!Directory.Exists(folder))
        {
            problems.Add(new QuestionProblem(folder, 0, "folder not found"));
            return (questions, problems);
        }
        var files = Directory.EnumerateFiles(folder)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            problems.Add(new QuestionProblem(folder, 0, "no question files (*.yaml) in this folder"));
        }
        foreach (var file in files)
        {
            questions.AddRange(ReadFile(file, Path.GetFileName(file), problems));
        }
        problems.AddRange(QuestionRules.Check(questions));
        return (questions, problems);
    }

    private static List<Question> ReadFile(string path, string name, List<QuestionProblem> problems)
    {
        if (Parse(path, name, problems) is not { } stream)
        {
            return [];
        }
        if (stream.Documents.Count == 0)
        {
            problems.Add(new QuestionProblem(name, 1, "the file is empty; expected 'questions:' with a list"));
            return [];
        }

        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        JsonNode? root;
        try
        {
            root = ToJson(stream.Documents[0].RootNode, "", lines, new HashSet<YamlNode>(ReferenceEqualityComparer.Instance));
        }
        catch (UnsupportedYamlException e)
        {
            problems.Add(new QuestionProblem(name, e.Line, e.Message));
            return [];
        }
        var before = problems.Count;
        problems.AddRange(QuestionSchema.Instance.Check(root ?? new JsonObject())
            .Select(p => new QuestionProblem(name, LineOf(p.Pointer, lines), Describe(p.Pointer, p.Message)))
            .Distinct()
            .OrderBy(p => p.Line));
        if (problems.Count > before)
        {
            return [];
        }

        return root!["questions"]!.AsArray().Select((q, i) => ToQuestion(q!.AsObject(), name, lines[$"/questions/{i}"])).ToList();
    }

    private static YamlStream? Parse(string path, string name, List<QuestionProblem> problems)
    {
        try
        {
            using var reader = new StreamReader(path);
            var stream = new YamlStream();
            stream.Load(new DepthLimitedParser(new Parser(reader)));
            return stream;
        }
        catch (YamlException e)
        {
            problems.Add(new QuestionProblem(name, (int)e.Start.Line, $"YAML syntax: {(e.InnerException ?? e).Message}"));
        }
        catch (UnsupportedYamlException e)
        {
            problems.Add(new QuestionProblem(name, e.Line, e.Message));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new QuestionProblem(name, 0, $"cannot be read: {e.Message}"));
        }
        catch (Exception)
        {
            // YamlDotNet's scanner throws other exceptions than YamlException on some broken input (an
            // InvalidOperationException for a '[' or '{' still open at the end of the file): still one line per file.
            problems.Add(Unparsable(path, name));
        }
        return null;
    }

    // Scans the tokens again up to where the parser failed: the innermost bracket still open is the likely mistake.
    private static QuestionProblem Unparsable(string path, string name)
    {
        var open = new Stack<Token>();
        var at = Mark.Empty;
        try
        {
            using var reader = new StreamReader(path);
            var scanner = new Scanner(reader);
            while (scanner.MoveNext())
            {
                at = scanner.Current!.End;
                switch (scanner.Current)
                {
                    case FlowSequenceStart or FlowMappingStart:
                        open.Push(scanner.Current);
                        break;
                    case FlowSequenceEnd or FlowMappingEnd:
                        open.TryPop(out _);
                        break;
                }
            }
        }
        catch (Exception)
        {
            // Expected: the scan stops where the parse did.
        }
        return open.TryPeek(out var bracket)
            ? new QuestionProblem(name, (int)bracket.Start.Line, $"YAML syntax: this '{(bracket is FlowSequenceStart ? '[' : '{')}' is never closed")
            : new QuestionProblem(name, Math.Max(1, (int)at.Line), "YAML syntax: the file cannot be read past this line");
    }

    private static Question ToQuestion(JsonObject q, string file, int line)
    {
        static IReadOnlyList<string> List(JsonNode? node) => node?.AsArray().Select(n => n!.GetValue<string>()).ToArray() ?? [];
        return new Question(
            q["id"]!.GetValue<string>(),
            q["category"]!.GetValue<string>(),
            q["difficulty"]!.GetValue<string>(),
            List(q["topics"]),
            q["source"]!.GetValue<string>(),
            q["prompt"]!.GetValue<string>().Trim(),
            List(q["hints"]),
            List(q["answer"]),
            List(q["followups"]),
            List(q["rubric"]),
            file,
            line)
        {
            Code = q["code"]?.GetValue<string>().Trim(),
            Sources = List(q["sources"]),
            Reviewed = q["reviewed"] is { } reviewed ? DateOnly.ParseExact(reviewed.GetValue<string>(), "yyyy-MM", CultureInfo.InvariantCulture) : null,
        };
    }

    /// <summary>
    /// YAML → JSON for the schema check. Every scalar becomes a string (the format has no numbers or booleans), an
    /// empty plain scalar becomes null, and the line of every node is kept under its JSON pointer. <paramref name="seen"/>
    /// holds the nodes converted so far: an alias makes YamlDotNet share one node, and a shared node is refused, so that
    /// a self-referencing or exponentially nested alias cannot overflow the stack or exhaust memory.
    /// </summary>
    private static JsonNode? ToJson(YamlNode node, string pointer, Dictionary<string, int> lines, HashSet<YamlNode> seen)
    {
        if (!seen.Add(node))
        {
            throw new UnsupportedYamlException(node.Start, "anchors and aliases (&name, *name) are not supported: write the value out");
        }
        lines[pointer] = (int)node.Start.Line;
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (key, value) in map.Children)
                {
                    if (key is not YamlScalarNode { Value: var name })
                    {
                        throw new UnsupportedYamlException(key.Start, "a key must be a plain name, not a list or a mapping (a '? [ ]' or '? { }' key)");
                    }
                    name ??= "";
                    obj[name] = ToJson(value, $"{pointer}/{Escape(name)}", lines, seen);
                }
                return obj;
            case YamlSequenceNode seq:
                var array = new JsonArray();
                var i = 0;
                foreach (var item in seq.Children)
                {
                    array.Add(ToJson(item, $"{pointer}/{i++}", lines, seen));
                }
                return array;
            case YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" }:
                return null;
            case YamlScalarNode scalar:
                return JsonValue.Create(scalar.Value ?? "");
            default:
                return null;
        }
    }

    /// <summary>
    /// Stops at nesting far deeper than the format's (stream, document, file, list, question, hints: 6), before
    /// YamlDotNet's recursive node loading or the schema check (64 levels) overflows.
    /// </summary>
    private sealed class DepthLimitedParser(IParser parser) : IParser
    {
        private const int MaxDepth = 16;
        private int _depth;

        public ParsingEvent? Current => parser.Current;

        public bool MoveNext()
        {
            if (!parser.MoveNext())
            {
                return false;
            }
            _depth += parser.Current!.NestingIncrease;
            return _depth <= MaxDepth
                ? true
                : throw new UnsupportedYamlException(parser.Current.Start, "nested too deeply (a question pack needs 4 levels)");
        }
    }

    /// <summary>Valid YAML that the question format does not accept.</summary>
    private sealed class UnsupportedYamlException(Mark at, string message) : Exception(message)
    {
        public int Line { get; } = (int)at.Line;
    }

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static int LineOf(string pointer, Dictionary<string, int> lines)
    {
        // A missing property has no line of its own: report its parent object's.
        for (var p = pointer; ; p = p[..p.LastIndexOf('/')])
        {
            if (lines.TryGetValue(p, out var line))
            {
                return line;
            }
            if (p.Length == 0)
            {
                return 1;
            }
        }
    }

    private static string Describe(string pointer, string message)
    {
        var field = pointer.Length == 0 ? "the file" : pointer.TrimStart('/').Replace('/', '.');
        if (message.Contains("false schema", StringComparison.OrdinalIgnoreCase))
        {
            return $"{field}: unknown field (allowed: id, category, difficulty, topics, source, prompt, code, hints, answer, followups, rubric, sources, reviewed)";
        }
        if (message.Contains("enum", StringComparison.OrdinalIgnoreCase))
        {
            var schema = QuestionSchema.Instance;
            IReadOnlyList<string> allowed = pointer.Split('/') switch
            {
                [.., "category"] => schema.Categories,
                [.., "difficulty"] => schema.Difficulties,
                [.., "topics", _] => schema.Topics,
                [.., "source"] => ["seed", "original"],
                _ => [],
            };
            if (allowed.Count > 0)
            {
                return $"{field}: must be one of {string.Join(", ", allowed)}";
            }
        }
        return pointer.Split('/') switch
        {
            [.., "reviewed"] => $"{field}: must be a month written YYYY-MM, e.g. 2026-12",
            [.., "sources", _] => $"{field}: must be an absolute http(s) URL of at most 300 characters",
            [.., "code"] => $"{field}: must be one fenced code block with a language tag (```python … ```), at most 1500 characters",
            _ => $"{field}: {message}",
        };
    }
}
