using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MlePrep.Discord.Tests.Hosting;

/// <summary>The Discord settings as <c>AddDiscordClient</c> binds and validates them: one plain line per mistake.</summary>
public sealed class DiscordOptionsValidationTests
{
    private static IReadOnlyList<string> Failures(params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create($"Discord:{s.Key}", s.Value)))
            .Build();
        using var services = new ServiceCollection().AddLogging().AddDiscordClient(configuration.GetSection(DiscordOptions.SectionName)).BuildServiceProvider();
        try
        {
            _ = services.GetRequiredService<IOptions<DiscordOptions>>().Value;
            return [];
        }
        catch (OptionsValidationException e)
        {
            return [.. e.Failures];
        }
    }

    [Fact]
    public void A_missing_token_is_reported_as_the_advice_alone()
    {
        var failure = Assert.Single(Failures());

        // Before: "DataAnnotation validation failed for 'DiscordOptions' members: 'Token' with the error: '…'".
        Assert.Equal("Discord:Token is not set. Set the environment variable Discord__Token to your bot token (Developer Portal → your application → Bot → Reset Token).", failure);
    }

    [Theory]
    [InlineData("http://discord.example/api/v10", "http://discord.example")]
    [InlineData("http://user:secret@10.1.2.3:8080/api/v10", "http://10.1.2.3:8080")]
    [InlineData("ftp://discord.com/api/v10", "ftp://discord.com")]
    public void An_api_url_that_would_send_the_token_in_clear_text_is_refused(string url, string shown)
    {
        var failure = Assert.Single(Failures(("Token", "t"), ("ApiBaseUrl", url)));

        Assert.StartsWith("Discord:ApiBaseUrl must use https: every request carries the bot token.", failure, StringComparison.Ordinal);
        Assert.EndsWith($"not {shown}.", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_api_url_is_refused()
    {
        var failure = Assert.Single(Failures(("Token", "t"), ("ApiBaseUrl", "discord.com/api/v10")));

        Assert.StartsWith("Discord:ApiBaseUrl must be an absolute https URL", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://discord.com/api/v10")]
    [InlineData("https://proxy.example:8443/api/v10")]
    [InlineData("http://127.0.0.1:5000/api/v10")]
    [InlineData("http://127.8.9.10/api/v10")]
    [InlineData("http://localhost:5000/api/v10")]
    [InlineData("http://[::1]:5000/api/v10")]
    public void Https_anywhere_and_http_on_loopback_are_accepted(string url)
    {
        Assert.Empty(Failures(("Token", "t"), ("ApiBaseUrl", url)));
    }

    [Fact]
    public void Out_of_range_numbers_name_their_setting()
    {
        Assert.Equal(
            ["Discord:MaxConcurrentInteractions must be from 1 to 1024."],
            Failures(("Token", "t"), ("MaxConcurrentInteractions", "0")));
    }

    [Theory]
    [InlineData("1", null)]
    [InlineData("auto", null)]
    [InlineData("AUTO", "0-15")]
    [InlineData("4", "0")]
    [InlineData("4", "0,1")]
    [InlineData("4", "0-3")]
    [InlineData("4", " 3 , 0-1 ")]
    [InlineData("4", "")]
    public void Shard_counts_and_id_lists_ranges_and_auto_are_accepted(string count, string? ids)
    {
        Assert.Empty(Failures(("Token", "t"), ("ShardCount", count), ("ShardIds", ids)));
    }

    [Theory]
    [InlineData("0", null, "Discord:ShardCount must be a whole number of shards (1 to 100000) or 'auto', not '0'.")]
    [InlineData("three", null, "Discord:ShardCount must be a whole number of shards (1 to 100000) or 'auto', not 'three'.")]
    [InlineData("-2", null, "Discord:ShardCount must be a whole number of shards (1 to 100000) or 'auto', not '-2'.")]
    [InlineData("3", "3", "Discord:ShardIds lists shard 3, but Discord:ShardCount is 3, so shard ids go from 0 to 2.")]
    [InlineData("3", "0-5", "Discord:ShardIds lists shard 3, but Discord:ShardCount is 3, so shard ids go from 0 to 2.")]
    [InlineData("1", "1", "Discord:ShardIds lists shard 1, but Discord:ShardCount is 1, so shard ids go from 0 to 0.")]
    [InlineData("4", "2-1", "Discord:ShardIds must list shard ids or ranges such as 0, 0,1 or 0-3; '2-1' in '2-1' is not one.")]
    [InlineData("4", "0,,1", "Discord:ShardIds must list shard ids or ranges such as 0, 0,1 or 0-3; '' in '0,,1' is not one.")]
    [InlineData("4", "a", "Discord:ShardIds must list shard ids or ranges such as 0, 0,1 or 0-3; 'a' in 'a' is not one.")]
    [InlineData("4", "0-1-2", "Discord:ShardIds must list shard ids or ranges such as 0, 0,1 or 0-3; '0-1-2' in '0-1-2' is not one.")]
    [InlineData("4", "0-2,1", "Discord:ShardIds lists shard 1 twice in '0-2,1'.")]
    [InlineData("auto", "0-99999999", "Discord:ShardIds lists shard 100000, but Discord:ShardCount is at most 100000, so shard ids go from 0 to 99999.")]
    public void A_bad_shard_setting_gets_one_line_naming_it(string count, string? ids, string expected)
    {
        Assert.Equal([expected], Failures(("Token", "t"), ("ShardCount", count), ("ShardIds", ids)));
    }
}
