using System.Collections.Immutable;

namespace OrleansConnect.Grains;

/// <summary>
/// The outcome of validating a connector configuration (Kafka's <c>ConfigInfos</c>, the body of
/// <c>PUT /connector-plugins/{plugin}/config/validate</c>): every key of the connector, of the common connector
/// configuration and of each configured converter, transformation and predicate, with its errors.
/// </summary>
/// <param name="Name">The connector class, as the configuration names it.</param>
/// <param name="ErrorCount">The number of errors over all keys.</param>
/// <param name="Groups">The groups of the keys, in the order they first appear.</param>
/// <param name="Configs">One entry per key.</param>
[GenerateSerializer, Immutable, Alias("oc.ConfigInfos")]
public sealed record ConfigInfos(
    [property: Id(0)] string Name,
    [property: Id(1)] int ErrorCount,
    [property: Id(2)] ImmutableArray<string> Groups,
    [property: Id(3)] ImmutableArray<ConfigInfo> Configs);
