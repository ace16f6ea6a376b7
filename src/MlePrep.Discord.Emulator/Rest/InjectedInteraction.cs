using System.Diagnostics;
using System.Text.Json.Nodes;
using MlePrep.Discord.Interactions;
using MlePrep.Discord.Rest;

namespace MlePrep.Discord.Emulator.Rest;

/// <summary>The first callback the bot sent for an interaction.</summary>
public sealed record InteractionCallback(InteractionCallbackType Type, JsonNode? Data);

/// <summary>An interaction the emulator created, and what the bot answered.</summary>
public sealed class InjectedInteraction
{
    private readonly TaskCompletionSource<InteractionCallback> _callback = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Waiters<Message> _original = new();
    private readonly Waiters<Message> _followups = new();
    private readonly Lock _gate;

    internal InjectedInteraction(Interaction interaction, string json, DateTimeOffset createdAt, Lock gate)
    {
        Interaction = interaction;
        Json = json;
        CreatedAt = createdAt;
        _gate = gate;
    }

    /// <summary>The interaction as the bot receives it.</summary>
    public Interaction Interaction { get; }

    /// <summary>The INTERACTION_CREATE <c>d</c> JSON.</summary>
    public string Json { get; }

    /// <summary>Interaction id.</summary>
    public ulong Id => Interaction.Id;

    /// <summary>Interaction token.</summary>
    public string Token => Interaction.Token;

    /// <summary>Completes with the first accepted callback.</summary>
    public Task<InteractionCallback> Callback => _callback.Task;

    /// <summary>The original response as it stands (null before a message reply or an edit after a defer).</summary>
    public Message? Original { get; private set; }

    /// <summary>Follow-up messages, oldest first.</summary>
    public IReadOnlyList<Message> Followups
    {
        get
        {
            lock (_gate)
            {
                return [.. FollowupList];
            }
        }
    }

    /// <summary>Waits for the original response (a type 4 reply or an Edit Original) to match.</summary>
    public Task<Message> WaitForOriginalAsync(Func<Message, bool>? match = null, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return _original.WaitAsync(match ?? (_ => true), Original is { } m ? [m] : [], ct);
        }
    }

    /// <summary>Waits for a follow-up that matches.</summary>
    public Task<Message> WaitForFollowupAsync(Func<Message, bool>? match = null, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return _followups.WaitAsync(match ?? (_ => true), FollowupList, ct);
        }
    }

    /// <summary><see cref="Stopwatch"/> timestamp taken just before INTERACTION_CREATE was handed to the gateway (0 without a dispatcher).</summary>
    /// <remarks>Stopwatch rather than <see cref="EmulatorOptions.TimeProvider"/>: latency benchmarks need sub-millisecond, monotonic time.</remarks>
    public long SentTimestamp { get; internal set; }

    /// <summary><see cref="Stopwatch"/> timestamp of the first accepted callback (0 until then).</summary>
    public long CallbackTimestamp { get; private set; }

    /// <summary><see cref="Stopwatch"/> timestamp of the first time the original response had content (0 until then): a type 4 reply or the edit after a defer.</summary>
    public long OriginalTimestamp { get; private set; }

    internal DateTimeOffset CreatedAt { get; }

    internal InteractionCallbackType? Acknowledged { get; private set; }

    internal ulong? OriginalMessageId { get; set; }

    internal bool OriginalDeleted { get; set; }

    internal List<Message> FollowupList { get; } = [];

    internal void Acknowledge(InteractionCallbackType type, JsonNode? data)
    {
        Acknowledged = type;
        CallbackTimestamp = Stopwatch.GetTimestamp();
        _callback.TrySetResult(new InteractionCallback(type, data));
    }

    internal void SetOriginal(Message message)
    {
        if (OriginalTimestamp == 0)
        {
            OriginalTimestamp = Stopwatch.GetTimestamp();
        }
        Original = message;
        _original.Publish(message);
    }

    internal void AddFollowup(Message message)
    {
        FollowupList.Add(message);
        _followups.Publish(message);
    }
}
