using MlePrep.Bot.Interactions;

namespace MlePrep.Bot.Tests.Interactions;

public sealed class CustomIdsTests
{
    public static TheoryData<string, CustomId> PostedIds => new()
    {
        // Ids exactly as buttons already posted on Discord carry them: they must keep parsing.
        { "hint:T1:1", new HintId("T1", 1) },
        { "hint:T1:3", new HintId("T1", 3) },
        { "another:::", new AnotherId(null, null, null) },
        { "another:ml-system-design:hard:ranking", new AnotherId("ml-system-design", "hard", "ranking") },
        { "another:career-faq::", new AnotherId("career-faq", null, null) },
        { "answer:T1", new AnswerId("T1", null) },
        { "answer:T1:1234:2026-11-30", new AnswerId("T1", "1234:2026-11-30") },
        { "answerm:T1:1234:2026-11-30", new AnswerModalId("T1", "1234:2026-11-30") },
        { "mydata:delete:42", new MyDataId(MyDataAction.Delete, 42) },
        { "mydata:cancel:42", new MyDataId(MyDataAction.Cancel, 42) },
        { "grade:T1:n:0", new GradeId("T1", Grade.Nailed, 0) },
        { "grade:T1:p:5", new GradeId("T1", Grade.Partly, 5) },
        { "grade:T1:m:3ff", new GradeId("T1", Grade.Missed, 0x3FF) },
        { "rubric:T1", new RubricId("T1") },
        { "selfgrade:T1", new SelfGradeId("T1") },
        { "mockskip:6b3f2a10beef:2", new MockSkipId("6b3f2a10beef", 2) },
        { "pvote:42:1234:2026-11-30", new PeerAnswerId(PeerAction.Vote, "1234:2026-11-30", 42) },
        { "pread:42:1234:2026-11-30", new PeerAnswerId(PeerAction.Read, "1234:2026-11-30", 42) },
        { "phide:42:1234:2026-11-30", new PeerAnswerId(PeerAction.Hide, "1234:2026-11-30", 42) },
        { "pwithdraw:42:1234:2026-11-30", new PeerAnswerId(PeerAction.Withdraw, "1234:2026-11-30", 42) },
    };

    [Theory]
    [MemberData(nameof(PostedIds))]
    public void Posted_ids_parse_and_format_back_unchanged(string text, CustomId expected)
    {
        Assert.Equal(expected, CustomIds.Parse(text));
        Assert.Equal(text, CustomIds.Format(expected));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("hint")]
    [InlineData("hint:T1")]
    [InlineData("hint:T1:x")]
    [InlineData("hint:T1:-1")]
    [InlineData(":T1:1")]
    [InlineData("answer:")]
    [InlineData("another:a:b:c:d")]
    [InlineData("mydata:erase:42")]
    [InlineData("mydata:delete:ada")]
    [InlineData("mydata:delete")]
    [InlineData("quiz:T1")]
    [InlineData("grade:T1:x:0")]
    [InlineData("grade:T1:n")]
    [InlineData("grade:T1:n:-1")]
    [InlineData("grade:T1:n:fffff")]
    [InlineData("grade::n:0")]
    [InlineData("rubric:")]
    [InlineData("selfgrade:T1:2")]
    [InlineData("mockskip:s1")]
    [InlineData("mockskip::1")]
    [InlineData("mockskip:s1:-1")]
    [InlineData("mockskip:s1:1:2")]
    [InlineData("pvote:42")]
    [InlineData("pvote:42:2026-11-30")]
    [InlineData("pvote:ada:1234:2026-11-30")]
    [InlineData("pvote::1234:2026-11-30")]
    public void Anything_else_is_not_an_id(string? text) => Assert.Null(CustomIds.Parse(text));

    [Fact]
    public void An_id_longer_than_discord_allows_is_refused_when_formatted()
    {
        var ex = Assert.Throws<ArgumentException>(() => CustomIds.Format(new AnswerId(new string('q', 90), "1234:2026-11-30")));
        Assert.Contains("100", ex.Message, StringComparison.Ordinal);
        Assert.Null(CustomIds.Parse("answer:" + new string('q', 100)));
    }
}
