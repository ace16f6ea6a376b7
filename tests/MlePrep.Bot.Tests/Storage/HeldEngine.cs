using MlePrep.Bot.Storage;

namespace MlePrep.Bot.Tests.Storage;

/// <summary>Holds a database's engine on another thread until disposed, so the writes made meanwhile queue up behind it.</summary>
internal sealed class HeldEngine : IAsyncDisposable
{
    private readonly ManualResetEventSlim _release = new();
    private readonly Task _holding;

    private HeldEngine(BotDatabase db)
    {
        using var held = new ManualResetEventSlim();
        _holding = Task.Run(() => db.Exclusive(_ =>
        {
            held.Set();
            _release.Wait();
            return 0;
        }));
        held.Wait();
    }

    public static HeldEngine On(BotDatabase db) => new(db);

    public async ValueTask DisposeAsync()
    {
        _release.Set();
        await _holding;
        _release.Dispose();
    }
}
