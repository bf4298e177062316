namespace OrleansConnect.Grains;

/// <summary>The exception a transformation, predicate or converter threw on a previewed record.</summary>
/// <param name="Class">The exception's .NET type name.</param>
/// <param name="Message">Its message.</param>
[GenerateSerializer, Immutable, Alias("oc.TransformError")]
public sealed record TransformError([property: Id(0)] string Class, [property: Id(1)] string Message);
