using Microsoft.AspNetCore.Builder;
using MlePrep.Discord.Emulator.Gateway;

namespace MlePrep.Discord.Emulator.Rest;

/// <summary>The emulator's HTTP API and the state behind it.</summary>
public sealed class EmulatorRest(EmulatorOptions options)
{
    internal EmulatorOptions Options { get; } = options;

    internal void Map(WebApplication app, EmulatorGateway gateway)
    {
        _ = app;
        _ = gateway;
    }
}
