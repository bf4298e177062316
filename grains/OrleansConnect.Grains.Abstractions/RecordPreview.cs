using System.Collections.Immutable;

namespace OrleansConnect.Grains;

/// <summary>What the transformation chain did to one previewed record.</summary>
/// <param name="Steps">One entry per transformation the record reached, in order.</param>
/// <param name="Result">The record after the chain; null when a step dropped it or failed.</param>
/// <param name="Error">A failure before the first step (the converters could not read the record), or null.</param>
[GenerateSerializer, Immutable, Alias("oc.RecordPreview")]
public sealed record RecordPreview(
    [property: Id(0)] ImmutableArray<TransformStep> Steps,
    [property: Id(1)] PreviewRecord? Result,
    [property: Id(2)] TransformError? Error);
