using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using OrleansConnect.Api.Contracts;
using OrleansConnect.Grains;

namespace OrleansConnect.Api;

/// <summary>
/// The one place errors become Kafka Connect's body <c>{"error_code": status, "message": ...}</c>: exceptions from
/// handlers and grains, and the framework's own 404/405/415 responses that have no body.
/// </summary>
public static partial class ConnectErrors
{
    /// <summary>Adds the error handling to the pipeline; call it before mapping endpoints.</summary>
    public static IApplicationBuilder UseConnectErrors(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                var (status, message) = Describe(e);
                if (status >= StatusCodes.Status500InternalServerError)
                {
                    var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConnectErrors));
                    LogUnhandled(logger, e, context.Request.Method, context.Request.Path);
                }

                await WriteAsync(context, status, message);
            }
        });
        app.UseStatusCodePages(context =>
        {
            var http = context.HttpContext;
            var status = http.Response.StatusCode;
            var message = status switch
            {
                StatusCodes.Status404NotFound => $"HTTP 404 Not Found: no endpoint {http.Request.Path}",
                StatusCodes.Status405MethodNotAllowed => $"HTTP 405 Method Not Allowed: {http.Request.Method} {http.Request.Path}",
                StatusCodes.Status415UnsupportedMediaType => "HTTP 415 Unsupported Media Type: send application/json",
                _ => $"HTTP {status}",
            };
            return WriteAsync(http, status, message);
        });
        return app;
    }

    /// <summary>The status and message an exception is answered with.</summary>
    internal static (int Status, string Message) Describe(Exception e) => e switch
    {
        ConnectRestException rest => (rest.StatusCode, rest.Message),
        BadHttpRequestException bad => (bad.StatusCode, bad.Message),
        JsonException json => (StatusCodes.Status400BadRequest, $"Request body is not valid JSON: {json.Message}"),
        TimeoutException timeout => (StatusCodes.Status500InternalServerError, $"Request timed out: {timeout.Message}"),

        // The cluster's storage (PostgreSQL) is unreachable: nothing was changed (a grain keeps the state storage holds),
        // and the request can succeed when retried once storage is back (docs/operations.md).
        ClusterStorageException storage => (StatusCodes.Status503ServiceUnavailable,
            $"Cannot complete the request momentarily: the cluster's storage is unreachable; retry once it is back. {storage.Message}"),

        // Storage held a newer version of the connector's state than the grain that handled the request (another
        // activation wrote it, or an earlier write whose answer was lost had landed): Orleans deactivates the grain, and
        // the retry reaches an activation that has read what storage holds.
        InconsistentStateException => (StatusCodes.Status503ServiceUnavailable,
            "Cannot complete the request momentarily: the connector's stored state changed while this request ran; retry"),

        // The silo hosting the grain has just died and the cluster has not yet declared it dead (a few seconds, see
        // docs/operations.md): the request can succeed when retried, once the grain is re-activated elsewhere.
        _ when ClusterErrors.IsTransient(e) => (StatusCodes.Status503ServiceUnavailable,
            "Cannot complete the request momentarily: a silo of the cluster is unreachable and its work is moving; retry in a few seconds"),
        _ => (StatusCodes.Status500InternalServerError, e.Message),
    };

    private static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ErrorResponse(status, message));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
