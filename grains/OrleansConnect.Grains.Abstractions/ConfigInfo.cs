namespace OrleansConnect.Grains;

/// <summary>One key of a validated configuration: its definition and its value (Kafka's <c>ConfigInfo</c>).</summary>
/// <param name="Definition">The key's definition.</param>
/// <param name="Value">The key's value and errors.</param>
[GenerateSerializer, Immutable, Alias("oc.ConfigInfo")]
public sealed record ConfigInfo([property: Id(0)] ConfigKeyInfo Definition, [property: Id(1)] ConfigValueInfo Value);
