using System.Text.Json.Serialization;

namespace OrleansConnect.Api.Contracts;

/// <summary>Kafka Connect's error body.</summary>
public sealed record ErrorResponse(
    [property: JsonPropertyName("error_code")] int ErrorCode,
    [property: JsonPropertyName("message")] string Message);
