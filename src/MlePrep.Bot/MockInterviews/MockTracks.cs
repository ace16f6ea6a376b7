namespace MlePrep.Bot.MockInterviews;

/// <summary>One question of a track's mix: a category and/or topic, and the difficulty to aim for.</summary>
public sealed record MockSlot(string? Category, string? Topic, string Difficulty);

/// <summary>A track: what it is called, its questions in order, and how many of them each length asks.</summary>
public sealed record MockTrack(string Name, string Title, IReadOnlyList<MockSlot> Slots, IReadOnlyDictionary<int, int> QuestionsPerLength)
{
    public int QuestionsFor(int minutes) => QuestionsPerLength[minutes];
}

/// <summary>The one table that defines each /mock track's mix (a length asks the first N slots of its track).</summary>
public static class MockTracks
{
    public static readonly IReadOnlyList<int> Lengths = [20, 45, 60];

    private static readonly Dictionary<int, int> OneRoundEach = new() { [20] = 3, [45] = 5, [60] = 6 };

    // System-design questions are long answers: fewer of them per session.
    private static readonly Dictionary<int, int> LongRounds = new() { [20] = 2, [45] = 3, [60] = 4 };

    public static readonly IReadOnlyList<MockTrack> All =
    [
        new("generalist", "Generalist (technical, system design, behavioral)",
        [
            new("technical", null, "easy"), new("system-design", null, "medium"), new("behavioral", null, "medium"),
            new("technical", null, "hard"), new("system-design", null, "hard"), new("situational", null, "medium"),
        ], OneRoundEach),
        new("system-design", "System design",
        [
            new("system-design", null, "medium"), new("system-design", null, "hard"), new("system-design", null, "easy"), new("system-design", null, "hard"),
        ], LongRounds),
        new("behavioral", "Behavioral",
        [
            new("behavioral", null, "easy"), new("situational", null, "medium"), new("behavioral", null, "hard"),
            new("situational", null, "hard"), new("behavioral", null, "medium"), new("situational", null, "easy"),
        ], OneRoundEach),
        new("llm", "LLMs (technical and design on large language models)",
        [
            new("technical", "llm", "easy"), new("technical", "llm", "medium"), new("system-design", "llm", "medium"),
            new("technical", "llm", "hard"), new("system-design", "llm", "hard"), new(null, "llm", "medium"),
        ], OneRoundEach),
    ];

    public static MockTrack? Find(string? name) => All.FirstOrDefault(t => t.Name == name);
}
