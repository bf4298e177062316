using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansConnect.Api.Contracts;
using OrleansConnect.Grains;

namespace OrleansConnect.Api;

/// <summary><c>/connectors</c>: Kafka Connect's ConnectorsResource, one grain call per handler.</summary>
public static class ConnectorEndpoints
{
    /// <summary>Maps the connector endpoints.</summary>
    public static IEndpointRouteBuilder MapConnectorEndpoints(this IEndpointRouteBuilder routes)
    {
        var connectors = routes.MapGroup("/connectors");
        connectors.MapGet("/", ListAsync);
        connectors.MapPost("/", CreateAsync);
        connectors.MapGet("/{name}", async (string name, IGrainFactory grains) =>
            TypedResults.Ok((await Connector(grains, name).GetInfoAsync()).ToResponse()));
        connectors.MapGet("/{name}/config", async (string name, IGrainFactory grains) =>
            TypedResults.Ok((await Connector(grains, name).GetInfoAsync()).Config));
        connectors.MapPut("/{name}/config", PutConfigAsync);
        connectors.MapPatch("/{name}/config", async (string name, HttpRequest request, IGrainFactory grains, CancellationToken ct) =>
            TypedResults.Ok((await Connector(grains, name).PatchConfigAsync(await ConnectorRequests.ReadConfigPatchAsync(request, ct), ct)).ToResponse()));
        connectors.MapGet("/{name}/status", async (string name, IGrainFactory grains) =>
            TypedResults.Ok((await Connector(grains, name).GetStatusAsync()).ToResponse()));
        connectors.MapPut("/{name}/pause", async (string name, IGrainFactory grains, CancellationToken ct) =>
        {
            await Connector(grains, name).PauseAsync(ct);
            return TypedResults.Accepted((string?)null);
        });
        connectors.MapPut("/{name}/resume", async (string name, IGrainFactory grains, CancellationToken ct) =>
        {
            await Connector(grains, name).ResumeAsync(ct);
            return TypedResults.Accepted((string?)null);
        });
        connectors.MapPut("/{name}/stop", async (string name, IGrainFactory grains, CancellationToken ct) =>
        {
            await Connector(grains, name).StopAsync(ct);
            return TypedResults.NoContent();
        });
        connectors.MapPost("/{name}/restart", RestartAsync);
        connectors.MapGet("/{name}/tasks", async (string name, IGrainFactory grains) =>
            TypedResults.Ok((await Connector(grains, name).GetTasksAsync()).ToResponse()));
        connectors.MapGet("/{name}/tasks-config", async (string name, IGrainFactory grains) =>
            TypedResults.Ok((await Connector(grains, name).GetTasksAsync()).ToTaskConfigsResponse()));
        connectors.MapGet("/{name}/tasks/{task}/status", async (string name, string task, IGrainFactory grains) =>
            TypedResults.Ok((await Connector(grains, name).GetTaskStatusAsync(TaskNumber(name, task))).ToResponse()));
        connectors.MapPost("/{name}/tasks/{task}/restart", async (string name, string task, IGrainFactory grains, CancellationToken ct) =>
        {
            await Connector(grains, name).RestartTaskAsync(TaskNumber(name, task), ct);
            return TypedResults.NoContent();
        });
        connectors.MapDelete("/{name}", async (string name, IGrainFactory grains, CancellationToken ct) =>
        {
            await Connector(grains, name).DeleteAsync(ct);
            return TypedResults.NoContent();
        });
        return routes;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, IGrainFactory grains)
    {
        var names = await grains.GetGrain<IConnectorRegistryGrain>(0).ListAsync();
        var expand = request.Query["expand"].Where(e => e is not null).Select(e => e!).ToHashSet(StringComparer.Ordinal);
        if (expand.Count == 0)
        {
            return TypedResults.Ok(names);
        }

        var expanded = new Dictionary<string, ExpandedConnectorResponse>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            try
            {
                var connector = Connector(grains, name);
                expanded[name] = new ExpandedConnectorResponse(
                    expand.Contains("info") ? (await connector.GetInfoAsync()).ToResponse() : null,
                    expand.Contains("status") ? (await connector.GetStatusAsync()).ToResponse() : null);
            }
            catch (ConnectRestException e) when (e.StatusCode == StatusCodes.Status404NotFound)
            {
                // Deleted between the listing and this call: Kafka leaves it out as well.
            }
        }

        return TypedResults.Ok(expanded);
    }

    private static async Task<Created<ConnectorInfoResponse>> CreateAsync(HttpRequest request, IGrainFactory grains, CancellationToken ct)
    {
        var (name, create) = await ConnectorRequests.ReadCreateAsync(request, ct);
        var info = await Connector(grains, name).CreateAsync(create, ct);
        return TypedResults.Created(Location(request, name), info.ToResponse());
    }

    private static async Task<Results<Created<ConnectorInfoResponse>, Ok<ConnectorInfoResponse>>> PutConfigAsync(
        string name, HttpRequest request, IGrainFactory grains, CancellationToken ct)
    {
        var config = await ConnectorRequests.ReadConfigAsync(request, ct);
        var result = await Connector(grains, name).PutConfigAsync(config, ct);
        return result.Created
            ? TypedResults.Created(Location(request, name), result.Info.ToResponse())
            : TypedResults.Ok(result.Info.ToResponse());
    }

    /// <summary>
    /// Kafka's restart: the plain form restarts only the connector and answers 204; with <c>includeTasks</c> or
    /// <c>onlyFailed</c> it answers 202 with the status of what is being restarted.
    /// </summary>
    private static async Task<IResult> RestartAsync(string name, HttpRequest request, IGrainFactory grains, CancellationToken ct)
    {
        var includeTasks = ConnectorRequests.QueryFlag(request, "includeTasks");
        var onlyFailed = ConnectorRequests.QueryFlag(request, "onlyFailed");
        var plan = await Connector(grains, name).RestartAsync(includeTasks, onlyFailed, ct);
        return includeTasks || onlyFailed ? TypedResults.Accepted((string?)null, plan.ToResponse()) : TypedResults.NoContent();
    }

    private static int TaskNumber(string connector, string task) =>
        int.TryParse(task, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ConnectRestException(StatusCodes.Status404NotFound, $"Task {connector}-{task} not found");

    /// <summary>An absolute URL, as Kafka's (JAX-RS resolves the connector's path against the request's base URI).</summary>
    private static string Location(HttpRequest request, string name) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}/connectors/{Uri.EscapeDataString(name)}";

    private static IConnectorGrain Connector(IGrainFactory grains, string name) => grains.GetGrain<IConnectorGrain>(name);
}
