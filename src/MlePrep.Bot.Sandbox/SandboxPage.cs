using Microsoft.AspNetCore.Http;

namespace MlePrep.Bot.Sandbox;

/// <summary>The page's files, embedded in the binary (wwwroot/ → "sandbox/…"), so the sandbox runs from any folder and from the image.</summary>
internal static class SandboxPage
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    public static async Task ServeAsync(HttpContext http, string file)
    {
        var type = ContentTypes.GetValueOrDefault(Path.GetExtension(file));
        await using var content = type is null ? null : typeof(SandboxPage).Assembly.GetManifestResourceStream("sandbox/" + file);
        if (content is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        http.Response.ContentType = type;
        http.Response.Headers.CacheControl = "no-cache";
        await content.CopyToAsync(http.Response.Body, http.RequestAborted);
    }
}
