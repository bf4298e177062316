using System.Collections.Immutable;

namespace OrleansConnect.Grains;

/// <summary>
/// A record of a transformation preview, going in or coming out. Key, value and header values are JSON text, as the
/// record's converters read and write them.
/// </summary>
/// <param name="Topic">The topic.</param>
/// <param name="Partition">The partition, or null (0 going in).</param>
/// <param name="Key">The key as JSON text, or null for no key.</param>
/// <param name="Value">The value as JSON text, or null for a tombstone.</param>
/// <param name="Headers">The headers in order, each value JSON text.</param>
/// <param name="Timestamp">Milliseconds since the epoch, or null.</param>
[GenerateSerializer, Immutable, Alias("oc.PreviewRecord")]
public sealed record PreviewRecord(
    [property: Id(0)] string Topic,
    [property: Id(1)] int? Partition,
    [property: Id(2)] string? Key,
    [property: Id(3)] string? Value,
    [property: Id(4)] ImmutableArray<PreviewHeader> Headers,
    [property: Id(5)] long? Timestamp);
