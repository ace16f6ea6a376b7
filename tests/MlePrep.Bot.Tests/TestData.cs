using MlePrep.Bot.Questions;
using MlePrep.Discord.Interactions;

namespace MlePrep.Bot.Tests;

/// <summary>Builders shared by the unit tests.</summary>
internal static class TestData
{
    public const ulong GuildId = 1_200_000_000_000_000_001;
    public const ulong ChannelId = 1_200_000_000_000_000_002;
    public const ulong UserId = 1_200_000_000_000_000_003;

    /// <summary>The real bank the bot ships (questions/ at the repo root).</summary>
    public static QuestionBank RealBank { get; } = QuestionLoader.LoadBank(new QuestionsOptions().ResolveFolder());

    public static Question Question(string id, string category = "technical", string difficulty = "easy", string topic = "ml-fundamentals", int hints = 2) =>
        new(id, category, difficulty, [topic], "original", $"Prompt of {id}?",
            Enumerable.Range(1, hints).Select(i => $"Hint {i} of {id}").ToArray(), [$"Answer of {id}"], [$"Follow-up of {id}"], [], "test.yaml", 1);

    public static Interaction Command(string name, params (string Name, string Value)[] options) => Interaction(InteractionType.ApplicationCommand,
        new InteractionData
        {
            Id = 1, Name = name, Type = 1,
            Options = options.Select(o => new CommandOptionValue { Name = o.Name, Type = CommandOptionType.String, Value = System.Text.Json.JsonSerializer.SerializeToElement(o.Value) }).ToArray(),
        });

    public static Interaction Button(string customId, int? messageFlags = null) => Interaction(InteractionType.MessageComponent,
        new InteractionData { CustomId = customId, ComponentType = 2 }) with
    {
        Message = new MlePrep.Discord.Rest.Message { Id = 77, ChannelId = ChannelId, Flags = messageFlags },
    };

    public static Interaction Interaction(InteractionType type, InteractionData data, DateTimeOffset? created = null) => new()
    {
        Id = MlePrep.Discord.Snowflake.FromTimestamp(created ?? DateTimeOffset.UtcNow),
        ApplicationId = 5,
        Type = type,
        Token = "interaction-token",
        GuildId = GuildId,
        ChannelId = ChannelId,
        Member = new GuildMember { User = new User { Id = UserId, Username = "ada" }, Permissions = 0 },
        Data = data,
    };
}
