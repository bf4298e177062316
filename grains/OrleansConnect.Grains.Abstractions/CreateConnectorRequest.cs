using System.Collections.Immutable;

namespace OrleansConnect.Grains;

/// <summary>What creating a connector needs: its configuration and the state to start in (KIP-980).</summary>
/// <param name="Config">The configuration, including <c>connector.class</c>.</param>
/// <param name="InitialState">The target state to start in.</param>
[GenerateSerializer, Immutable, Alias("oc.CreateConnectorRequest")]
public sealed record CreateConnectorRequest(
    [property: Id(0)] ImmutableDictionary<string, string> Config,
    [property: Id(1)] TargetState InitialState = TargetState.Started);
