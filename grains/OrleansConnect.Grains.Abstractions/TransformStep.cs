namespace OrleansConnect.Grains;

/// <summary>What one transformation of a preview did to one record.</summary>
/// <param name="Transform">The transformation's alias in <c>transforms</c>.</param>
/// <param name="Type">The transformation's class, as configured in <c>transforms.{alias}.type</c>.</param>
/// <param name="Record">The record after the step; null when the step dropped it or failed.</param>
/// <param name="SkippedByPredicate">Whether the step's predicate (with <c>negate</c>) left the record untouched.</param>
/// <param name="Error">The failure of the step, or null; a failed step is the record's last.</param>
[GenerateSerializer, Immutable, Alias("oc.TransformStep")]
public sealed record TransformStep(
    [property: Id(0)] string Transform,
    [property: Id(1)] string Type,
    [property: Id(2)] PreviewRecord? Record,
    [property: Id(3)] bool SkippedByPredicate,
    [property: Id(4)] TransformError? Error);
