using System.Collections.Immutable;

namespace OrleansConnect.Grains.Grains;

/// <summary>What a connector grain persists: Kafka's config topic records for one connector.</summary>
[GenerateSerializer, Alias("oc.ConnectorGrainState")]
internal sealed record ConnectorGrainState
{
    /// <summary>The configuration; null when the connector does not exist.</summary>
    [Id(0)]
    public ImmutableDictionary<string, string>? Config { get; init; }

    [Id(1)]
    public TargetState TargetState { get; init; }

    [Id(2)]
    public ImmutableArray<ImmutableDictionary<string, string>> TaskConfigs { get; init; } = [];

    /// <summary>Bumped whenever the connector or task configs change; tasks with an older one restart.</summary>
    [Id(3)]
    public long Generation { get; init; }

    [Id(4)]
    public ConnectorType Type { get; init; }

    /// <summary>Why the connector instance failed, or null; FAILED survives restarts until a restart or a new config.</summary>
    [Id(5)]
    public string? FailureTrace { get; init; }

    /// <summary>The topics the tasks produced to or consumed from since the connector was created or its topics reset; sorted.</summary>
    [Id(6)]
    public ImmutableArray<string> ActiveTopics { get; init; } = [];
}
