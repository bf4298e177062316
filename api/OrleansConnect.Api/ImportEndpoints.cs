using OrleansConnect.Api.Contracts;
using OrleansConnect.Grains;

namespace OrleansConnect.Api;

/// <summary>
/// <c>POST /admin/import/kafka-connect</c>, ours: takes over a Kafka Connect cluster's connectors, target states and
/// source offsets from its internal topics. The body is a JSON object of the cluster's worker keys (the three
/// <c>*.storage.topic</c> names and, when its Kafka is not this cluster's, <c>bootstrap.servers</c> with
/// <c>security.protocol</c>, <c>ssl.*</c>, <c>sasl.*</c>); <c>?dryRun=true</c> only reports, <c>?start=true</c>
/// starts each connector in its imported target state (otherwise all are created STOPPED).
/// </summary>
public static class ImportEndpoints
{
    /// <summary>Maps the import endpoint.</summary>
    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/admin/import/kafka-connect", async (HttpRequest request, IGrainFactory grains, CancellationToken ct) =>
        {
            var worker = await ConnectorRequests.ReadConfigAsync(request, ct);
            var import = new KafkaConnectImportRequest(worker, ConnectorRequests.QueryFlag(request, "dryRun"), ConnectorRequests.QueryFlag(request, "start"));
            return TypedResults.Ok(KafkaConnectImportResponse.From(await grains.GetGrain<IKafkaConnectImportGrain>(0).ImportAsync(import, ct)));
        });
        return routes;
    }
}
