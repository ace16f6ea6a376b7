using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using MlePrep.Discord.Emulator;

namespace MlePrep.Discord.Tests.Emulator;

/// <summary>Raw HTTP against the emulator, to check its answers without the client's own handling in between.</summary>
internal sealed class EmulatorHttp : IAsyncDisposable
{
    private readonly HttpClient _http = new();

    private EmulatorHttp(DiscordEmulator emulator) => Emulator = emulator;

    public DiscordEmulator Emulator { get; }

    public ulong GuildId { get; private set; }

    public ulong ChannelId { get; private set; }

    public ulong AppId => Emulator.Options.ApplicationId;

    public static async Task<EmulatorHttp> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions();
        configure?.Invoke(options);
        var http = new EmulatorHttp(await DiscordEmulator.StartAsync(options));
        http.GuildId = http.Emulator.Rest.AddGuild();
        http.ChannelId = http.Emulator.Rest.AddChannel(http.GuildId);
        return http;
    }

    public Task<Answer> SendAsync(string method, string path, string? json = null, bool auth = true, string userAgent = "DiscordBot (https://example.test, 1.0)",
        string contentType = "application/json", HttpClient? via = null)
    {
        HttpContent? content = null;
        if (json is not null)
        {
            content = new StringContent(json, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }
        return SendContentAsync(method, path, content, auth, userAgent, via);
    }

    /// <summary>Sends any body, e.g. a multipart/form-data upload.</summary>
    public async Task<Answer> SendContentAsync(string method, string path, HttpContent? content, bool auth = true, string userAgent = "DiscordBot (https://example.test, 1.0)",
        HttpClient? via = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(Emulator.ApiBaseUrl + path));
        if (auth)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bot", Emulator.Options.BotToken);
        }
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        request.Content = content;
        // via: a client of its own is a connection of its own, as another bot process has.
        using var response = await (via ?? _http).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var headers = response.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return new Answer((int)response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null, headers);
    }

    public Task<Answer> PostMessageAsync(string json, ulong? channelId = null, HttpClient? via = null) =>
        SendAsync("POST", $"/channels/{channelId ?? ChannelId}/messages", json, via: via);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Emulator.DisposeAsync();
    }

    internal sealed record Answer(int Status, JsonNode? Body, IReadOnlyDictionary<string, string> Headers)
    {
        public int Code => Body?["code"]?.GetValue<int>() ?? -1;

        /// <summary>Asserts a 400 50035 whose error tree has <c>_errors</c> at <paramref name="path"/>.</summary>
        public void AssertFormError(string path)
        {
            Assert.Equal(400, Status);
            Assert.Equal(50035, Code);
            Assert.Equal("Invalid Form Body", Body!["message"]!.GetValue<string>());
            var node = Body["errors"];
            foreach (var segment in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
            {
                node = node?[segment];
                Assert.True(node is not null, $"no error at {path}: {Body.ToJsonString()}");
            }
            Assert.NotEmpty(node!["_errors"]!.AsArray());
        }
    }
}
