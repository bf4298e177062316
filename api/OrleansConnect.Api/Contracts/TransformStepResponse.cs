using System.Text.Json.Serialization;

namespace OrleansConnect.Api.Contracts;

/// <summary>One step of a transformation preview: the record after the transformation (null: dropped) and whether its predicate skipped it.</summary>
public sealed record TransformStepResponse(
    [property: JsonPropertyName("transform")] string Transform,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("record")] PreviewRecordResponse? Record,
    [property: JsonPropertyName("skipped_by_predicate")] bool SkippedByPredicate);
