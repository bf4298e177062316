using System.Text.Json.Serialization;

namespace OrleansConnect.Api.Contracts;

/// <summary>The exception a previewed transformation (or converter) threw.</summary>
public sealed record ErrorInfoResponse(
    [property: JsonPropertyName("class")] string Class,
    [property: JsonPropertyName("message")] string Message);
