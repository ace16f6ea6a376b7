using Microsoft.AspNetCore.Builder;
using MlePrep.Discord.Emulator.Rest;

namespace MlePrep.Discord.Emulator.Gateway;

/// <summary>The emulator's WebSocket gateway.</summary>
public sealed class EmulatorGateway(EmulatorOptions options, EmulatorRest rest) : IAsyncDisposable
{
    internal Uri BaseUrl { get; set; } = null!;

    internal EmulatorOptions Options { get; } = options;

    internal EmulatorRest Rest { get; } = rest;

    internal void Map(WebApplication app)
    {
        _ = app;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
