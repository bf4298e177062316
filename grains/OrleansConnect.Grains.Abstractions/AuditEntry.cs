using System.Collections.Immutable;

namespace OrleansConnect.Grains;

/// <summary>One management operation, as the audit log keeps it.</summary>
/// <param name="Time">When it was answered.</param>
/// <param name="Who">The authenticated principal, or the caller's address when there is none.</param>
/// <param name="Operation">The method and route, e.g. <c>PUT /connectors/{name}/pause</c>.</param>
/// <param name="Connector">The connector it was about, if any.</param>
/// <param name="Keys">The configuration keys (or other body keys) it set; never their values, so no secret is kept.</param>
/// <param name="Status">The HTTP status it was answered with.</param>
/// <param name="Error">The error message of a refused or failed operation.</param>
[GenerateSerializer, Immutable, Alias("oc.AuditEntry")]
public sealed record AuditEntry(
    [property: Id(0)] DateTimeOffset Time,
    [property: Id(1)] string Who,
    [property: Id(2)] string Operation,
    [property: Id(3)] string? Connector,
    [property: Id(4)] ImmutableArray<string> Keys,
    [property: Id(5)] int Status,
    [property: Id(6)] string? Error);
