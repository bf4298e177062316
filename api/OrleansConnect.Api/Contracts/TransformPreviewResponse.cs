using System.Text.Json.Serialization;

namespace OrleansConnect.Api.Contracts;

/// <summary>The answer of <c>POST /connector-plugins/transforms/preview</c>: one entry per record, in order.</summary>
public sealed record TransformPreviewResponse([property: JsonPropertyName("records")] IReadOnlyList<RecordPreviewResponse> Records);
