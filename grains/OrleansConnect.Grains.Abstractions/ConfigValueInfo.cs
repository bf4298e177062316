using System.Collections.Immutable;

namespace OrleansConnect.Grains;

/// <summary>The validated value of one configuration key, as Kafka's <c>ConfigValueInfo</c>.</summary>
/// <param name="Name">The key.</param>
/// <param name="Value">The value as a configuration string (the default when unset, <c>[hidden]</c> for a password, the raw text when invalid); null when unset without default.</param>
/// <param name="RecommendedValues">Values a UI may offer; empty when there is no recommendation.</param>
/// <param name="Errors">What is wrong with the value; empty when it is valid.</param>
/// <param name="Visible">Whether a UI should show the key.</param>
[GenerateSerializer, Immutable, Alias("oc.ConfigValueInfo")]
public sealed record ConfigValueInfo(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Value,
    [property: Id(2)] ImmutableArray<string> RecommendedValues,
    [property: Id(3)] ImmutableArray<string> Errors,
    [property: Id(4)] bool Visible);
