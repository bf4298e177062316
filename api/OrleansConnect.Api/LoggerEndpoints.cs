using OrleansConnect.Api.Contracts;
using OrleansConnect.Grains;

namespace OrleansConnect.Api;

/// <summary>
/// <c>/admin/loggers</c>: Kafka Connect's LoggingResource (KIP-495, KIP-976). A logger is a log category or category
/// prefix; <c>root</c> is the default level. The worker is the silo that answers the grain call (in the silo, this one).
/// </summary>
public static class LoggerEndpoints
{
    /// <summary>Maps the logger endpoints.</summary>
    public static IEndpointRouteBuilder MapLoggerEndpoints(this IEndpointRouteBuilder routes)
    {
        var loggers = routes.MapGroup("/admin/loggers");
        loggers.MapGet("/", async (IGrainFactory grains) =>
            TypedResults.Ok((await Worker(grains).GetLoggersAsync()).ToDictionary(l => l.Logger, l => new LoggerLevelResponse(l.Level, l.LastModified), StringComparer.Ordinal)));
        loggers.MapGet("/{logger}", async (string logger, IGrainFactory grains) =>
        {
            var level = (await Worker(grains).GetLoggersAsync()).FirstOrDefault(l => l.Logger == logger)
                ?? throw new ConnectRestException(StatusCodes.Status404NotFound, $"Logger {logger} not found.");
            return TypedResults.Ok(new LoggerLevelResponse(level.Level, level.LastModified));
        });
        loggers.MapPut("/{logger}", SetLevelAsync);
        return routes;
    }

    /// <summary>
    /// Kafka's PUT: <c>{"level": "DEBUG"}</c>; <c>scope=cluster</c> applies it on every silo and answers 204, any other
    /// scope is this worker's and answers the loggers changed.
    /// </summary>
    private static async Task<IResult> SetLevelAsync(string logger, HttpRequest request, IGrainFactory grains, CancellationToken ct)
    {
        var level = await ConnectorRequests.ReadLevelAsync(request, ct);
        var cluster = string.Equals(request.Query["scope"].ToString(), "cluster", StringComparison.OrdinalIgnoreCase);
        var affected = await Worker(grains).SetLoggerLevelAsync(logger, level, cluster);
        return cluster ? TypedResults.NoContent() : TypedResults.Ok(affected);
    }

    private static IWorkerGrain Worker(IGrainFactory grains) => grains.GetGrain<IWorkerGrain>(0);
}
