namespace OrleansConnect.Grains;

/// <summary>One header of a <see cref="PreviewRecord"/>.</summary>
/// <param name="Key">The header name.</param>
/// <param name="Value">The header value as JSON text (<c>null</c> for a null value).</param>
[GenerateSerializer, Immutable, Alias("oc.PreviewHeader")]
public sealed record PreviewHeader([property: Id(0)] string Key, [property: Id(1)] string Value);
