using System.Collections.Immutable;

namespace OrleansConnect.Grains.Grains;

[GenerateSerializer, Alias("oc.ConnectorRegistryGrainState")]
internal sealed record ConnectorRegistryGrainState
{
    [Id(0)]
    public ImmutableSortedSet<string> Names { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);
}
