using MlePrep.Bot.Interactions;

namespace MlePrep.Bot.MockInterviews;

/// <summary>⏭️ Skip on a /mock question (<see cref="MockSkipId"/>).</summary>
public sealed class MockSkipButton(MockSessions sessions) : ComponentHandler<MockSkipId>
{
    protected override ValueTask<InteractionReply> HandleAsync(InteractionContext context, MockSkipId id, CancellationToken ct) =>
        sessions.SkipAsync(context, id, ct);
}
