using System.Reflection;
using Microsoft.Extensions.Logging;

namespace MlePrep.Discord.Tests;

public sealed class LoggingTests
{
    private static readonly IReadOnlyList<(Type Type, MethodInfo Method, LoggerMessageAttribute Attribute)> LogMethods =
    [
        .. typeof(DiscordOptions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Select(m => (Type: t, Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()!)))
            .Where(x => x.Attribute is not null),
    ];

    [Fact]
    public void The_client_logs_through_one_source_generated_Log_class_with_unique_event_ids()
    {
        Assert.NotEmpty(LogMethods);
        Assert.Equal(["MlePrep.Discord.Log"], LogMethods.Select(x => x.Type.FullName).Distinct());
        var duplicates = LogMethods.GroupBy(x => x.Attribute.EventId).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
    }
}
