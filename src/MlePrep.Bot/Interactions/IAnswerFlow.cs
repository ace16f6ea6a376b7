namespace MlePrep.Bot.Interactions;

/// <summary>
/// A feature that asks questions in a flow of its own (a /mock session) and so takes over the reply to an answer given in
/// it. The answer modal saves every answer as usual, then asks each flow; the first reply wins, none means the usual reply.
/// </summary>
public interface IAnswerFlow
{
    ValueTask<InteractionReply?> AnsweredAsync(InteractionContext context, string questionId, int length, CancellationToken ct);
}
