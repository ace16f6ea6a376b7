using MlePrep.Bot.Emulated;
using MlePrep.Discord.Emulator;

namespace MlePrep.Bot.Tests.EndToEnd;

[Trait("Category", "EndToEnd")]
public sealed class EmulatedBotTests
{
    [Fact]
    public async Task Each_start_returns_after_its_own_READY_and_registration_and_its_own_database_goes_with_it()
    {
        await using var emulator = await DiscordEmulator.StartAsync(new EmulatorOptions());
        var guild = emulator.Rest.AddGuild("Study server");
        var kept = EmulatedBot.NewDatabasePath();
        try
        {
            await using (var first = await EmulatedBot.StartAsync(emulator, guild, options: new EmulatedBotOptions { DatabasePath = kept, Quiet = true }))
            {
                Assert.Equal((1, 1), (emulator.Gateway.IdentifyCount, Registrations(emulator)));
            }
            Assert.True(File.Exists(kept), "a database the caller named is the caller's");

            // A later run on the same emulator must not take the first run's READY and registration for its own.
            string own;
            await using (var second = await EmulatedBot.StartAsync(emulator, guild, options: new EmulatedBotOptions { Quiet = true }))
            {
                own = second.DatabasePath;
                Assert.Equal((2, 2), (emulator.Gateway.IdentifyCount, Registrations(emulator)));
                Assert.True(File.Exists(own));
            }
            Assert.False(File.Exists(own), "a temporary database goes with its bot");
        }
        finally
        {
            EmulatedBot.DeleteDatabase(kept);
        }
    }

    private static int Registrations(DiscordEmulator emulator) =>
        emulator.Rest.Requests.Count(r => r.Method == "PUT" && r.Path.EndsWith("/commands", StringComparison.Ordinal));
}
