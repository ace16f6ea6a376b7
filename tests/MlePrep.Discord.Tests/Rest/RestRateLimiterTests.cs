using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MlePrep.Discord.Rest;

namespace MlePrep.Discord.Tests.Rest;

/// <summary>The limiter on a fake clock: exact waits without sleeping.</summary>
public sealed class RestRateLimiterTests
{
    private static readonly RestPolicy Policy = RestPolicy.Default with { ResetOffset = TimeSpan.FromMilliseconds(50) };

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task The_global_budget_allows_50_per_second_then_waits_but_not_for_callbacks()
    {
        var limiter = new RestRateLimiter(Policy, _time);
        for (var i = 0; i < 50; i++)
        {
            limiter.Release(await limiter.WaitForGlobalAsync(CancellationToken.None));
        }

        var fiftyFirst = limiter.WaitForGlobalAsync(CancellationToken.None);
        var callback = limiter.AcquireAsync(RestRoute.InteractionCallback(2, "token"), null, CancellationToken.None);
        Assert.False(fiftyFirst.IsCompleted);
        Assert.True(callback.IsCompletedSuccessfully);
        _time.Advance(TimeSpan.FromMilliseconds(1049));
        Assert.False(fiftyFirst.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await fiftyFirst.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData(null, 50)]
    [InlineData("16", 16)]
    public async Task Discord_GlobalRateLimit_is_the_share_of_the_global_budget_this_process_sends(string? setting, int budget)
    {
        var services = new ServiceCollection();
        var settings = setting is null ? [] : new Dictionary<string, string?> { ["Discord:GlobalRateLimit"] = setting };
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddKeyedSingleton<TimeProvider>(DiscordClock.Key, _time);
        services.AddDiscordRest();
        using var provider = services.BuildServiceProvider();
        var limiter = provider.GetRequiredService<RestRateLimiter>();
        for (var i = 0; i < budget; i++)
        {
            limiter.Release(await limiter.WaitForGlobalAsync(CancellationToken.None));
        }

        Assert.False(limiter.WaitForGlobalAsync(CancellationToken.None).IsCompleted);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("51")]
    public void A_share_outside_Discords_50_per_second_is_refused_with_the_rule(string setting)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Discord:GlobalRateLimit"] = setting }).Build());
        services.AddDiscordRest();
        using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DiscordRestOptions>>().Value);
        Assert.StartsWith("Discord:GlobalRateLimit must be from 1 to 50 requests per second", Assert.Single(e.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_global_429_pauses_other_routes_but_not_callbacks()
    {
        var limiter = new RestRateLimiter(Policy, _time);
        var route = RestRoute.CreateMessage(1, idempotent: false);
        using (var lease = await limiter.AcquireAsync(route, null, CancellationToken.None))
        {
            limiter.RateLimited(route, lease, RateLimitScope.Global, sublimit: false, TimeSpan.FromSeconds(30));
        }

        var callback = limiter.AcquireAsync(RestRoute.InteractionCallback(2, "token"), null, CancellationToken.None);
        var blocked = limiter.AcquireAsync(RestRoute.EditMessage(1, 3), null, CancellationToken.None);

        Assert.True(callback.IsCompletedSuccessfully);
        Assert.False(blocked.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(31));
        (await blocked.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task An_unknown_bucket_has_one_request_in_flight()
    {
        var limiter = new RestRateLimiter(Policy, _time);
        var route = RestRoute.CreateMessage(1, idempotent: false);

        var first = await limiter.AcquireAsync(route, null, CancellationToken.None);
        var second = limiter.AcquireAsync(route, null, CancellationToken.None);
        var otherChannel = limiter.AcquireAsync(RestRoute.CreateMessage(2, idempotent: false), null, CancellationToken.None);

        Assert.False(second.IsCompleted);
        Assert.True(otherChannel.IsCompletedSuccessfully);
        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task Remaining_zero_waits_for_reset_after_plus_the_offset_and_the_hash_is_shared_per_major_parameter()
    {
        var limiter = new RestRateLimiter(Policy, _time);
        var route = RestRoute.CreateMessage(1, idempotent: false);
        using (var lease = await limiter.AcquireAsync(route, null, CancellationToken.None))
        {
            limiter.Update(route, lease, Headers(remaining: 0, resetAfter: 2.5, bucket: "abc"));
        }

        var sameChannel = limiter.AcquireAsync(route, null, CancellationToken.None);
        var otherChannel = limiter.AcquireAsync(RestRoute.CreateMessage(2, idempotent: false), null, CancellationToken.None);

        Assert.True(otherChannel.IsCompletedSuccessfully);
        Assert.False(sameChannel.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(2549));
        Assert.False(sameChannel.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        (await sameChannel.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task A_sublimit_or_shared_429_leaves_the_bucket_open()
    {
        var limiter = new RestRateLimiter(Policy, _time);
        var route = RestRoute.CreateMessage(1, idempotent: false);
        using (var lease = await limiter.AcquireAsync(route, null, CancellationToken.None))
        {
            limiter.RateLimited(route, lease, RateLimitScope.User, sublimit: true, TimeSpan.FromSeconds(10));
            limiter.RateLimited(route, lease, RateLimitScope.Shared, sublimit: false, TimeSpan.FromSeconds(10));
        }

        var next = limiter.AcquireAsync(route, null, CancellationToken.None);

        Assert.True(next.IsCompletedSuccessfully);
        Assert.Equal(TimeSpan.FromSeconds(10), RestRateLimiter.OwnDelay(route, RateLimitScope.Shared, false, TimeSpan.FromSeconds(10)));
        Assert.Equal(TimeSpan.Zero, RestRateLimiter.OwnDelay(route, RateLimitScope.User, false, TimeSpan.FromSeconds(10)));
    }

    private static HttpResponseHeaders Headers(int remaining, double resetAfter, string bucket)
    {
        using var response = new HttpResponseMessage();
        response.Headers.Add("X-RateLimit-Limit", "5");
        response.Headers.Add("X-RateLimit-Remaining", remaining.ToString(System.Globalization.CultureInfo.InvariantCulture));
        response.Headers.Add("X-RateLimit-Reset-After", resetAfter.ToString(System.Globalization.CultureInfo.InvariantCulture));
        response.Headers.Add("X-RateLimit-Bucket", bucket);
        return response.Headers;
    }
}
