using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MlePrep.Bot.Answers;
using MlePrep.Bot.Daily;
using MlePrep.Bot.Interactions;
using MlePrep.Bot.Learning;
using MlePrep.Bot.MockInterviews;
using MlePrep.Bot.PeerAnswers;
using MlePrep.Bot.Questions;
using MlePrep.Bot.Storage;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;
using Moq;

namespace MlePrep.Bot.Tests.Answers;

/// <summary>A database with a daily ledger, the streak services over it, and builders for modal submits.</summary>
internal sealed class StreakFixture
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private long _nextMessageId = 9_000;

    public StreakFixture()
        : this(null)
    {
    }

    /// <summary>On other adapters' storage (one database behind all six); null = LiteDB in memory.</summary>
    public StreakFixture((IAnswerStore Answers, IPracticeStore Practice, ILearningStore Learning, IMockStore Mocks, IDailyStore Daily, IPeerStore Peers)? stores)
    {
        Rest.Setup(r => r.EditMessageAsync(It.IsAny<ulong>(), It.IsAny<ulong>(), It.IsAny<MessagePayload>(), It.IsAny<CancellationToken>()))
            .Callback<ulong, ulong, MessagePayload, CancellationToken>((channel, message, payload, _) => Edits.Enqueue((channel, message, payload)))
            .ReturnsAsync((ulong channel, ulong message, MessagePayload _, CancellationToken _) => new Message { Id = message, ChannelId = channel });
        (Answers, Practice, Learning, Mocks, Store, Peers) = stores
            ?? (new LiteAnswerStore(Db), new LitePracticeStore(Db), new LiteLearningStore(Db), new LiteMockStore(Db), new LiteDailyStore(Db), new LitePeerStore(Db));
        Ledger = new DailyLedger(Store);
        Sharing = new PeerSharing(Peers, Ledger, Time, NullLogger<PeerSharing>.Instance);
        Helpful = new PeerBoard(Peers);
        PeerData = new PeerMemberData(Peers, Rest.Object, NullLogger<PeerMemberData>.Instance);
        Streaks = new StreakService(Ledger, Answers);
        Live = new LiveAnswerCount(new CountRenderer(), Rest.Object, Ledger, Answers, Time, NullLogger<LiveAnswerCount>.Instance);
    }

    public BotDatabase Db { get; } = BotDatabase.InMemory();
    public FakeTimeProvider Time { get; } = new(Start);
    public QuestionBank Bank { get; } = new([TestData.Question("T1", hints: 3), TestData.Question("T2")]);
    public Mock<IDiscordRestClient> Rest { get; } = new();
    public ConcurrentQueue<(ulong Channel, ulong Message, MessagePayload Payload)> Edits { get; } = new();
    public IAnswerStore Answers { get; }
    public IPracticeStore Practice { get; }
    public ILearningStore Learning { get; }
    public IMockStore Mocks { get; }
    public IDailyStore Store { get; }
    public IPeerStore Peers { get; }
    public PeerSharing Sharing { get; }
    public PeerBoard Helpful { get; }
    public PeerMemberData PeerData { get; }
    public DailyLedger Ledger { get; }
    public StreakService Streaks { get; }
    public LiveAnswerCount Live { get; }

    public AnswerModal Modal(int minLength = 30) => new(Bank, Answers, Practice, Ledger, Streaks, Live,
        Options.Create(new PracticeOptions { MinAnswerLength = minLength }), Time, [], Sharing, NullLogger<AnswerModal>.Instance);

    public DailySchedule AddSchedule(ulong channelId = TestData.ChannelId, string zone = "UTC", PostingDays days = PostingDays.EveryDay)
    {
        var schedule = new DailySchedule { ChannelId = channelId, GuildId = TestData.GuildId, Hour = 9, TimeZoneId = zone, Days = days };
        Store.SaveAsync(schedule).AsTask().Wait();
        return schedule;
    }

    public DailyOccurrence Post(DateTimeOffset at, ulong channelId = TestData.ChannelId, string questionId = "T1", OccurrenceStatus status = OccurrenceStatus.Posted)
    {
        var date = DateOnly.FromDateTime(at.UtcDateTime);
        var occurrence = new DailyOccurrence
        {
            Id = DailyOccurrence.Key(channelId, date),
            ChannelId = channelId,
            GuildId = TestData.GuildId,
            LocalDate = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            DueAt = at.UtcDateTime,
            Status = status,
            PostedAt = status == OccurrenceStatus.Posted ? at.UtcDateTime : null,
            MessageId = status == OccurrenceStatus.Posted ? (ulong)Interlocked.Increment(ref _nextMessageId) : null,
            QuestionId = questionId,
        };
        Store.SaveAsync(occurrence).AsTask().Wait();
        return occurrence;
    }

    /// <summary>Stores an answer and records it in the streak, as the modal does, as if submitted at <paramref name="at"/>.</summary>
    public void Answer(DailyOccurrence occurrence, ulong userId, DateTimeOffset at)
    {
        var saved = Answers.SaveAsync(new AnswerSubmission(TestData.GuildId, userId, occurrence.ChannelId, occurrence.QuestionId!, occurrence.Id,
            "An answer long enough to count.", 0, at)).AsTask().Result;
        if (!saved.Replaced)
        {
            Streaks.RecordAsync(occurrence.ChannelId, userId, occurrence.Id, saved.Answer.AnsweredAt).AsTask().Wait();
        }
    }

    public InteractionReply Submit(string customId, string text, ulong userId = TestData.UserId, bool legacyShape = false) =>
        Modal().HandleAsync(new InteractionContext(ModalSubmit(customId, text, userId, legacyShape)), default).AsTask().Result;

    public static Interaction ModalSubmit(string customId, string text, ulong userId = TestData.UserId, bool legacyShape = false)
    {
        var input = new SubmittedComponent { Type = ComponentTypes.TextInput, Id = 2, CustomId = AnswerButton.InputId, Value = text };
        SubmittedComponent wrapper = legacyShape
            ? new() { Type = ComponentTypes.ActionRow, Components = [input] }
            : new() { Type = ComponentTypes.Label, Id = 1, Component = input };
        return As(TestData.Interaction(InteractionType.ModalSubmit, new InteractionData { CustomId = customId, Components = [wrapper] }), userId);
    }

    public static Interaction As(Interaction interaction, ulong userId) =>
        interaction with { Member = new GuildMember { User = new User { Id = userId, Username = $"user{userId}" }, Permissions = 0 } };

    public static string LongText(string seed = "answer") => $"My {seed}: start from the data, then the model, then the evaluation.";

    /// <summary>Stands in for the daily feature's post builder: just the count, which is what these tests look at.</summary>
    private sealed class CountRenderer : IDailyPostRenderer
    {
        public ValueTask<MessagePayload> RenderAsync(DailyOccurrence occurrence, int answerCount) =>
            ValueTask.FromResult(new MessagePayload { Content = $"{occurrence.Id}: {answerCount} members answered" });
    }
}
