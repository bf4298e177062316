using System.Collections.Immutable;

namespace OrleansConnect.Grains.Grains;

[GenerateSerializer, Alias("oc.AuditGrainState")]
internal sealed record AuditGrainState
{
    [Id(0)]
    public ImmutableArray<AuditEntry> Entries { get; init; } = [];
}
