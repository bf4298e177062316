using System.Text.Json.Serialization;

namespace OrleansConnect.Api.Contracts;

/// <summary>
/// What the transformation chain did to one previewed record: each step (a <see cref="TransformStepResponse"/>, or a
/// <see cref="FailedTransformStepResponse"/> last), then the result (null: dropped or failed). <c>error</c> only when
/// the converters could not read the record, before any step.
/// </summary>
public sealed record RecordPreviewResponse(
    [property: JsonPropertyName("steps")] IReadOnlyList<object> Steps,
    [property: JsonPropertyName("result")] PreviewRecordResponse? Result,
    [property: JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ErrorInfoResponse? Error);
