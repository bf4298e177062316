namespace OrleansConnect.Grains;

/// <summary>The result of <c>PUT /connectors/{name}/config</c>: whether it created the connector, and the connector.</summary>
/// <param name="Created">True when the connector did not exist before.</param>
/// <param name="Info">The connector after the change.</param>
[GenerateSerializer, Immutable, Alias("oc.PutConfigResult")]
public sealed record PutConfigResult([property: Id(0)] bool Created, [property: Id(1)] ConnectorInfo Info);
