using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OrleansConnect.Grains;

namespace OrleansConnect.Api;

/// <summary>
/// Writes every management operation (a request that may change something: not GET, HEAD or OPTIONS, and not the
/// plugins' validate and preview, which change nothing) as one structured event of the <c>OrleansConnect.Audit</c>
/// category and into the cluster's audit log (<see cref="IAuditGrain"/>): who, which operation, which connector, the
/// keys it set (never their values, so secrets stay out of logs), and how it was answered, refusals and failures
/// included. An audit log that cannot be written does not fail the operation; it is logged as a warning.
/// </summary>
internal sealed partial class AuditFilter(IGrainFactory grains, ILoggerFactory loggers) : IEndpointFilter
{
    public const string Category = "OrleansConnect.Audit";

    private const int MaxKeys = 200;

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (!IsManagement(http))
        {
            return await next(context);
        }

        http.Request.EnableBuffering();
        object? result;
        try
        {
            result = await next(context);
        }
        catch (Exception e)
        {
            var (status, message) = ConnectErrors.Describe(e);
            await RecordAsync(http, status, message);
            throw;
        }

        await RecordAsync(http, result is IStatusCodeHttpResult { StatusCode: int code } ? code : StatusCodes.Status200OK, null);
        return result;
    }

    private static bool IsManagement(HttpContext http) =>
        !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method))
        && !http.Request.Path.StartsWithSegments("/connector-plugins", StringComparison.Ordinal);

    private async Task RecordAsync(HttpContext http, int status, string? error)
    {
        var (bodyName, keys) = await BodyKeysAsync(http.Request);
        var entry = new AuditEntry(
            DateTimeOffset.UtcNow,
            http.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            $"{http.Request.Method} {Route(http)}",
            http.Request.RouteValues.TryGetValue("name", out var route) && route is string connector ? connector : bodyName,
            keys,
            status,
            error);
        LogOperation(_logger, entry.Who, entry.Operation, entry.Connector ?? "-", string.Join(",", entry.Keys), entry.Status, entry.Error ?? string.Empty);
        try
        {
            await grains.GetGrain<IAuditGrain>(0).RecordAsync(entry);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogNotKept(_logger, e, entry.Operation);
        }
    }

    /// <summary>The route template answered, without the trailing slash a group's root route has.</summary>
    private static string Route(HttpContext http)
    {
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value ?? "/";
        return route.Length > 1 ? route.TrimEnd('/') : route;
    }

    /// <summary>The connector name and the keys a JSON body sets: a create's config (and its name), or a flat object's keys.</summary>
    private static async Task<(string? Name, ImmutableArray<string> Keys)> BodyKeysAsync(HttpRequest request)
    {
        if (!request.Body.CanSeek || request.Body.Length == 0)
        {
            return (null, []);
        }

        request.Body.Position = 0;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, []);
            }

            var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            var source = root.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object ? config : root;
            return (name, [.. source.EnumerateObject().Select(p => p.Name).Take(MaxKeys).Order(StringComparer.Ordinal)]);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON, or names .NET cannot read (a lone surrogate): the endpoint answered that already.
            return (null, []);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Who} {Operation} connector={Connector} keys=[{Keys}] -> {Status} {Error}")]
    private static partial void LogOperation(ILogger logger, string who, string operation, string connector, string keys, int status, string error);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "The audit log did not keep {Operation}: the cluster's storage did not take it (the log event above is the record)")]
    private static partial void LogNotKept(ILogger logger, Exception exception, string operation);
}
