using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace MlePrep.Bench;

/// <summary>Whether a row meets its target.</summary>
internal enum Verdict
{
    Info,
    Met,
    Missed,
}

/// <summary>One line of the results table.</summary>
internal sealed record ResultRow(string Scenario, string Measure, string Value, string Target = "", Verdict Verdict = Verdict.Info);

/// <summary>The results, as one Markdown table with the machine it ran on.</summary>
internal sealed class ResultTable
{
    private readonly List<ResultRow> _rows = [];

    public IReadOnlyList<ResultRow> Rows => _rows;

    public void Add(ResultRow row)
    {
        _rows.Add(row);
        Console.WriteLine($"  {row.Scenario} | {row.Measure}: {row.Value} {(row.Target.Length > 0 ? $"(target {row.Target}: {row.Verdict})" : "")}");
    }

    public void Add(string scenario, string measure, string value, string target = "", bool? met = null) =>
        Add(new ResultRow(scenario, measure, value, target, met switch { null => Verdict.Info, true => Verdict.Met, false => Verdict.Missed }));

    public string ToMarkdown(bool quick, DateTimeOffset at, TimeSpan took)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.FrameworkDescription}; ")
            .Append(CultureInfo.InvariantCulture, $"{(quick ? "--quick" : "full")} run on {at:yyyy-MM-dd HH:mm} UTC, took {took.TotalSeconds:0} s.\n\n")
            .Append("| scenario | measure | value | target | |\n|---|---|---:|---|---|\n");
        foreach (var row in _rows)
        {
            var mark = row.Verdict switch { Verdict.Met => "✅", Verdict.Missed => "❌", _ => "" };
            text.Append(CultureInfo.InvariantCulture, $"| {row.Scenario} | {row.Measure} | {row.Value} | {row.Target} | {mark} |\n");
        }
        return text.ToString();
    }
}
