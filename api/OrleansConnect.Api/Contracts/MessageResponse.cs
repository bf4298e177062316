using System.Text.Json.Serialization;

namespace OrleansConnect.Api.Contracts;

/// <summary>Kafka's <c>Message</c> body.</summary>
public sealed record MessageResponse([property: JsonPropertyName("message")] string Message);
