using System.Collections.Immutable;

namespace OrleansConnect.Grains;

/// <summary>What <c>POST /connector-plugins/transforms/preview</c> runs: a connector's transformation keys and sample records.</summary>
/// <param name="Config">
/// The <c>transforms</c>, <c>transforms.*</c>, <c>predicates</c> and <c>predicates.*</c> keys of a connector config,
/// optionally <c>key.converter</c>, <c>value.converter</c> and their <c>.*</c> keys; other keys are ignored.
/// </param>
/// <param name="Records">The records to run through the chain, as a sink task receives them from its converters.</param>
[GenerateSerializer, Immutable, Alias("oc.TransformPreviewRequest")]
public sealed record TransformPreviewRequest(
    [property: Id(0)] ImmutableDictionary<string, string> Config,
    [property: Id(1)] ImmutableArray<PreviewRecord> Records);
