using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansConnect.Api.Contracts;
using OrleansConnect.Grains;

namespace OrleansConnect.Api;

/// <summary>
/// <c>/health/connectors</c>: a probe that means "processing", beside <c>/health/ready</c> (which means "the cluster
/// answers"). 200 when every connector whose target state is STARTED runs and has all its tasks RUNNING; 503 naming
/// each that does not, with its status (and a FAILED task's trace). Paused and stopped connectors are what the user
/// asked for and do not count; a connector that FAILED counts whatever its target state.
/// </summary>
public static class ConnectorHealthEndpoints
{
    // A grain call waits up to Orleans' response timeout (30 s); a probe wants an answer sooner.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Maps <c>GET /health/connectors</c>.</summary>
    public static IEndpointRouteBuilder MapConnectorHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health/connectors", CheckAsync);
        return routes;
    }

    private static async Task<JsonHttpResult<ConnectorsHealthResponse>> CheckAsync(IGrainFactory grains, CancellationToken ct)
    {
        ConnectorStateInfo?[] statuses;
        try
        {
            var names = await grains.GetGrain<IConnectorRegistryGrain>(0).ListAsync().WaitAsync(Timeout, ct);
            statuses = await Task.WhenAll(names.Select(name => StatusAsync(grains, name, ct)));
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return TypedResults.Json(
                new ConnectorsHealthResponse("unhealthy", $"The cluster did not answer: {e.Message}", []),
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var expected = statuses.OfType<ConnectorStateInfo>().Where(ShouldRun).ToList();
        var notRunning = expected.Where(s => !IsRunning(s)).ToList();
        if (notRunning.Count == 0)
        {
            return TypedResults.Json(new ConnectorsHealthResponse(
                "healthy",
                string.Create(CultureInfo.InvariantCulture, $"All {expected.Count} connectors that should run have all their tasks RUNNING"),
                []));
        }

        var message = "Connectors not processing: " + string.Join("; ", notRunning.Select(Describe));
        return TypedResults.Json(
            new ConnectorsHealthResponse("unhealthy", message, [.. notRunning.Select(s => s.ToResponse())]),
            statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>The connector's status; null when it was deleted after it was listed.</summary>
    private static async Task<ConnectorStateInfo?> StatusAsync(IGrainFactory grains, string name, CancellationToken ct)
    {
        try
        {
            return await grains.GetGrain<IConnectorGrain>(name).GetStatusAsync().WaitAsync(Timeout, ct);
        }
        catch (ConnectRestException e) when (e.StatusCode == StatusCodes.Status404NotFound)
        {
            return null;
        }
    }

    /// <summary>Target state STARTED: a connector's own state is PAUSED or STOPPED exactly when its target state is.</summary>
    private static bool ShouldRun(ConnectorStateInfo status) =>
        status.Connector.State is not (ConnectorState.Paused or ConnectorState.Stopped);

    private static bool IsRunning(ConnectorStateInfo status) =>
        status.Connector.State == ConnectorState.Running && status.Tasks.All(t => t.Status.State == ConnectorState.Running);

    private static string Describe(ConnectorStateInfo status)
    {
        var tasks = status.Tasks.Where(t => t.Status.State != ConnectorState.Running)
            .Select(t => string.Create(CultureInfo.InvariantCulture, $"task {t.Id} {t.Status.State.ToString().ToUpperInvariant()}"));
        var connector = status.Connector.State == ConnectorState.Running ? null : $"connector {status.Connector.State.ToString().ToUpperInvariant()}";
        return $"{status.Name} ({string.Join(", ", new[] { connector }.Concat(tasks).OfType<string>())})";
    }
}
