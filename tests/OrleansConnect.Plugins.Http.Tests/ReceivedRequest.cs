using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace OrleansConnect.Plugins.Http.Tests;

/// <summary>A request as the server read it; <see cref="Path"/> is decoded, <see cref="RawTarget"/> as sent.</summary>
public sealed record ReceivedRequest(string Method, string Path, string RawTarget, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset At)
{
    internal static async Task<ReceivedRequest> ReadAsync(HttpContext context)
    {
        context.Request.EnableBuffering();
        using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        context.Request.Body.Position = 0;
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new ReceivedRequest(context.Request.Method, context.Request.Path.Value ?? string.Empty, context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? string.Empty, headers, body, DateTimeOffset.UtcNow);
    }
}
