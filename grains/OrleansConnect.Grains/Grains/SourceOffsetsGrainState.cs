using System.Collections.Immutable;

namespace OrleansConnect.Grains.Grains;

[GenerateSerializer, Alias("oc.SourceOffsetsGrainState")]
internal sealed record SourceOffsetsGrainState
{
    [Id(0)]
    public ImmutableDictionary<string, string> Offsets { get; init; } = ImmutableDictionary<string, string>.Empty;
}
