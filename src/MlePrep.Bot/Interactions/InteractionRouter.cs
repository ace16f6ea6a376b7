using System.Diagnostics;
using MlePrep.Discord;
using MlePrep.Discord.Hosting;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Bot.Interactions;

/// <summary>
/// The one place that talks to the interaction endpoints: finds the command or component, runs it, and sends its
/// reply — directly when it is ready in time, otherwise after a defer so Discord's 3 s deadline is met. The first
/// response goes through <see cref="IInitialResponse"/> (the callback endpoint, or the body of Discord's HTTP POST). A reply that
/// may be a modal is never deferred (a modal can only be the first response): it goes out when ready. Only the one
/// handler an interaction needs is built, from <paramref name="services"/> (the interaction's scope).
/// </summary>
public sealed class InteractionRouter(
    InteractionRoutes routes,
    IServiceProvider services,
    IDiscordRestClient rest,
    IInitialResponse initial,
    [FromKeyedServices(DiscordClock.Key)] TimeProvider discordClock,
    ILogger<InteractionRouter> logger) : IInteractionHandler
{
    /// <summary>Discord invalidates an interaction not acknowledged within 3 s; defer well before that.</summary>
    internal static readonly TimeSpan DeferAfter = TimeSpan.FromSeconds(1.5);

    internal const string FailureMessage = "Something went wrong on our side; it has been logged. Please try again.";

    public async Task HandleAsync(Interaction interaction, CancellationToken ct)
    {
        using var scope = logger.BeginScope(new LogScope(
            ("InteractionId", interaction.Id), ("GuildId", interaction.GuildId), ("ChannelId", interaction.ChannelId)));
        var context = new InteractionContext(interaction);
        var name = Describe(interaction);
        var started = discordClock.GetTimestamp();
        switch (interaction.Type)
        {
            case InteractionType.ApplicationCommand:
                var command = FindCommand(interaction);
                await RunAsync(interaction, name, command?.RepliesPrivately ?? true, command?.OpensModal ?? false, command is null
                    ? _ => ValueTask.FromResult(InteractionReply.Private("This command is not offered any more; Discord will refresh the list shortly."))
                    : token => interaction.GuildId is null
                        ? ValueTask.FromResult(InteractionReply.Private("This command works in a server's text channel, not in direct messages."))
                        : command.Resolve<ISlashCommand>(services).ExecuteAsync(context, token), ct);
                break;
            case InteractionType.ApplicationCommandAutocomplete:
                await AutocompleteAsync(interaction, context, name, ct);
                break;
            case InteractionType.MessageComponent or InteractionType.ModalSubmit:
                var handler = FindComponent(interaction);
                await RunAsync(interaction, name, handler?.RepliesPrivately ?? true, handler?.OpensModal ?? false, handler is null
                    ? _ => ValueTask.FromResult(StaleComponent.Reply())
                    : token => handler.Resolve<IComponentHandler>(services).HandleAsync(context, token), ct);
                break;
            default:
                Log.UnsupportedInteraction(logger, interaction.Type);
                return;
        }
        Log.Handled(logger, name, discordClock.GetElapsedTime(started).TotalMilliseconds);
    }

    private Route? FindCommand(Interaction interaction) => routes.In(services).Command(interaction.Data?.Name);

    private Route? FindComponent(Interaction interaction) =>
        CustomIds.Parse(interaction.Data?.CustomId) is { } id ? routes.In(services).Component(id) : null;

    private async Task AutocompleteAsync(Interaction interaction, InteractionContext context, string name, CancellationToken ct)
    {
        IReadOnlyList<CommandChoice> choices = [];
        try
        {
            if (FindCommand(interaction) is { } command)
            {
                choices = (await command.Resolve<ISlashCommand>(services).AutocompleteAsync(context, ct)).Choices ?? [];
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.HandlerFailed(logger, name, e);
        }
        // Autocomplete cannot be deferred; an empty list is better than a red "failed" under the option.
        var sent = await SendAsync(interaction, name, () => initial.SendAsync(interaction, InteractionResponse.Autocomplete(choices.Take(25).ToArray()), ct));
        Record(interaction, name, sent, acknowledged: sent == Sent.Delivered, failed: false);
    }

    private async Task RunAsync(Interaction interaction, string name, bool deferPrivately, bool opensModal,
        Func<CancellationToken, ValueTask<InteractionReply>> run, CancellationToken ct)
    {
        // The handler runs on this thread: the dispatcher already runs each interaction off its receive loop, the one hop
        // it needs. Handlers may block (synchronous storage underneath), so the deadline is watched from a timer, which
        // fires even while a slow handler holds this thread.
        if (opensModal)
        {
            // A modal can only be the first response: a defer would make it impossible. Answer when ready; if that is past
            // Discord's deadline, the refusal is logged and the member presses the button again.
            var (ready, failed) = await Guard(run, name, ct);
            var sent = await SendAsync(interaction, name, () => RespondAsync(interaction, ready, ct));
            Record(interaction, name, sent, acknowledged: sent == Sent.Delivered, failed);
            return;
        }
        var updating = interaction.Type == InteractionType.MessageComponent;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var watch = DeferWhenLateAsync(interaction, name, updating, deferPrivately, done.Task, ct);
        InteractionReply reply;
        bool handlerFailed;
        try
        {
            (reply, handlerFailed) = await Guard(run, name, ct);
        }
        finally
        {
            done.TrySetResult();
        }
        var (deferral, deferSent) = await watch;
        switch (deferral)
        {
            case Deferral.NotNeeded:
                var sent = await SendAsync(interaction, name, () => RespondAsync(interaction, reply, ct));
                Record(interaction, name, sent, acknowledged: sent == Sent.Delivered, handlerFailed);
                return;
            case Deferral.Refused:
                Record(interaction, name, deferSent, acknowledged: false, handlerFailed);
                return;
        }
        var followUp = await SendAsync(interaction, name, () => updating
            ? FollowUpUpdateAsync(interaction, name, reply, ct)
            : FollowUpAsync(interaction, name, reply, deferPrivately, ct));
        Record(interaction, name, followUp == Sent.Delivered ? Sent.Deferred : followUp, acknowledged: false, handlerFailed);
    }

    /// <summary>The interaction's outcome and, for the first accepted callback, its latency from receipt.</summary>
    private static void Record(Interaction interaction, string name, Sent sent, bool acknowledged, bool failed)
    {
        if (acknowledged)
        {
            Acknowledged(interaction, name);
        }
        Metrics.InteractionHandled(MetricName(name), failed ? "failed" : sent switch
        {
            Sent.Delivered or Sent.AlreadyAcknowledged => "answered",
            Sent.Deferred => "deferred",
            Sent.Expired => "expired",
            _ => "failed",
        });
    }

    private static void Acknowledged(Interaction interaction, string name)
    {
        if (interaction.ReceivedAt != 0)
        {
            Metrics.InteractionAcknowledged(MetricName(name), Stopwatch.GetElapsedTime(interaction.ReceivedAt));
        }
    }

    // Commands by name; components by their custom id's kind (the rest of the id is per question and member).
    private static string MetricName(string name) => name.StartsWith('/') ? name : name.Split(':')[0];

    /// <summary>Defers if the handler is not <paramref name="done"/> within the budget, on Discord's clock.</summary>
    private async Task<(Deferral Deferral, Sent Sent)> DeferWhenLateAsync(Interaction interaction, string name, bool updating, bool deferPrivately, Task done, CancellationToken ct)
    {
        // Measured from when this process received it, not from the snowflake (our clock may be skewed against
        // Discord's); time spent queued behind other interactions under load counts against the budget. ReceivedAt is a
        // Stopwatch stamp by the client's contract; the timer runs on the Discord clock: the bot's own clock may be
        // moved (the sandbox, tests), Discord's deadline is not.
        var budget = interaction.ReceivedAt == 0 ? DeferAfter : DeferAfter - Stopwatch.GetElapsedTime(interaction.ReceivedAt);
        if (budget > TimeSpan.Zero)
        {
            using var stopTimer = CancellationTokenSource.CreateLinkedTokenSource(ct);
            await Task.WhenAny(done, Task.Delay(budget, discordClock, stopTimer.Token));
            // Fast replies are the rule: release their timer now rather than after 1.5 s.
            await stopTimer.CancelAsync();
        }
        if (done.IsCompleted)
        {
            return (Deferral.NotNeeded, Sent.Delivered);
        }
        // A click defers as an update (type 6: nothing visible changes yet), so an updating reply edits the clicked
        // message instead of leaving its buttons live under a new one; commands and modal submits show "thinking…".
        var deferral = updating ? InteractionResponse.DeferredUpdate() : InteractionResponse.Deferred(deferPrivately);
        var sent = await SendAsync(interaction, name, () => initial.SendAsync(interaction, deferral, ct));
        if (sent != Sent.Delivered)
        {
            return (Deferral.Refused, sent);
        }
        Acknowledged(interaction, name);
        Log.Deferred(logger, name);
        return (Deferral.Sent, sent);
    }

    private enum Deferral
    {
        NotNeeded,
        Sent,
        Refused,
    }

    private async Task<(InteractionReply Reply, bool Failed)> Guard(Func<CancellationToken, ValueTask<InteractionReply>> run, string name, CancellationToken ct)
    {
        try
        {
            return (await run(ct), false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            Log.HandlerFailed(logger, name, e);
            return (InteractionReply.Private(FailureMessage), true);
        }
    }

    private Task RespondAsync(Interaction interaction, InteractionReply reply, CancellationToken ct)
    {
        var response = reply.Kind switch
        {
            ReplyKind.Modal => new InteractionResponse(InteractionCallbackType.Modal, reply.Modal),
            ReplyKind.Autocomplete => InteractionResponse.Autocomplete(reply.Choices ?? []),
            ReplyKind.Update when interaction.Type == InteractionType.MessageComponent => InteractionResponse.Update(reply.Message!),
            _ => InteractionResponse.Message(WithVisibility(reply)),
        };
        return initial.SendAsync(interaction, response, ct);
    }

    /// <summary>After a type-5 defer: the "thinking…" message becomes the reply.</summary>
    private async Task FollowUpAsync(Interaction interaction, string name, InteractionReply reply, bool deferredPrivately, CancellationToken ct)
    {
        var message = Deliverable(name, reply);
        if (reply.Kind == ReplyKind.Message && reply.Ephemeral && !deferredPrivately)
        {
            // A public defer cannot become private: drop the "thinking…" message and answer privately instead.
            await rest.DeleteOriginalResponseAsync(interaction.ApplicationId, interaction.Token, ct);
            await rest.CreateFollowupAsync(interaction.ApplicationId, interaction.Token, WithVisibility(reply), ct);
            return;
        }
        await rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token, message with { Flags = null }, ct);
    }

    /// <summary>After a type-6 defer: @original is the clicked message; anything else is a new (follow-up) message.</summary>
    private async Task FollowUpUpdateAsync(Interaction interaction, string name, InteractionReply reply, CancellationToken ct)
    {
        if (reply.Kind == ReplyKind.Update)
        {
            await rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token, reply.Message! with { Flags = null }, ct);
            return;
        }
        var message = reply.Kind == ReplyKind.Message ? WithVisibility(reply) : Deliverable(name, reply) with { Flags = MessageFlags.Ephemeral };
        await rest.CreateFollowupAsync(interaction.ApplicationId, interaction.Token, message, ct);
    }

    /// <summary>The reply as a message; a modal cannot follow a defer (its handler must declare <c>OpensModal</c>).</summary>
    private MessagePayload Deliverable(string name, InteractionReply reply)
    {
        if (reply.Kind is ReplyKind.Modal)
        {
            Log.ModalAfterDefer(logger, name);
        }
        return reply.Kind is ReplyKind.Message or ReplyKind.Update && reply.Message is { } message ? message : new MessagePayload { Content = FailureMessage };
    }

    private static MessagePayload WithVisibility(InteractionReply reply)
    {
        var message = reply.Message ?? new MessagePayload();
        return reply.Ephemeral ? message with { Flags = (message.Flags ?? 0) | MessageFlags.Ephemeral } : message;
    }

    /// <summary>How a call to Discord ended; <see cref="Deferred"/> is a follow-up delivered after a defer.</summary>
    private enum Sent
    {
        Delivered,
        Deferred,
        AlreadyAcknowledged,
        Expired,
        Rejected,
    }

    /// <summary>Sends one call; Discord's refusals are logged, never thrown into the dispatcher.</summary>
    private async Task<Sent> SendAsync(Interaction interaction, string name, Func<Task> send)
    {
        try
        {
            await send();
            return Sent.Delivered;
        }
        catch (DiscordApiException e) when (e.Code == DiscordErrorCodes.InteractionAlreadyAcknowledged)
        {
            // Delivered twice and answered the first time: nothing left to do.
            Log.AlreadyAcknowledged(logger, name, interaction.Id);
            return Sent.AlreadyAcknowledged;
        }
        catch (DiscordApiException e) when (e.Code == DiscordErrorCodes.UnknownInteraction)
        {
            // Past Discord's 3 s deadline (or a token Discord no longer knows): the member sees "interaction failed".
            Log.AnsweredTooLate(logger, name, interaction.Id);
            return Sent.Expired;
        }
        catch (DiscordApiException e)
        {
            Log.ReplyRejected(logger, name, e.Code, e.DiscordMessage);
            return Sent.Rejected;
        }
    }

    private static string Describe(Interaction interaction) => interaction.Type switch
    {
        InteractionType.ApplicationCommand or InteractionType.ApplicationCommandAutocomplete =>
            "/" + string.Join(' ', new[] { interaction.Data?.Name ?? "?" }.Concat(interaction.Data?.SubcommandPath() ?? [])),
        _ => interaction.Data?.CustomId ?? "?",
    };
}
