using System.Globalization;
using OrleansConnect.Api.Contracts;
using OrleansConnect.Grains;

namespace OrleansConnect.Api;

/// <summary>
/// <c>GET /admin/audit?connector=&amp;since=</c>, ours: the cluster's latest management operations, oldest first
/// (<see cref="AuditFilter"/> writes them), of one connector and since an ISO 8601 time when asked.
/// </summary>
public static class AuditEndpoints
{
    /// <summary>Maps the audit endpoint.</summary>
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/admin/audit", async (HttpRequest request, IGrainFactory grains) =>
        {
            var connector = request.Query["connector"].ToString();
            var sinceText = request.Query["since"].ToString();
            DateTimeOffset? since = null;
            if (sinceText.Length > 0)
            {
                since = DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                    ? time
                    : throw ConnectRestException.BadRequest($"Query parameter since must be an ISO 8601 time such as 2026-12-03T10:00:00Z, not '{sinceText}'");
            }

            var entries = await grains.GetGrain<IAuditGrain>(0).QueryAsync(connector.Length > 0 ? connector : null, since);
            return TypedResults.Ok(new AuditResponse([.. entries.Select(e => new AuditEntryResponse(e.Time, e.Who, e.Operation, e.Connector, e.Keys, e.Status, e.Error))]));
        });
        return routes;
    }
}
