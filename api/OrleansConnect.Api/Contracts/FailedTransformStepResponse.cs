using System.Text.Json.Serialization;

namespace OrleansConnect.Api.Contracts;

/// <summary>The step of a transformation preview that threw; the record's last step.</summary>
public sealed record FailedTransformStepResponse(
    [property: JsonPropertyName("transform")] string Transform,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("error")] ErrorInfoResponse Error);
