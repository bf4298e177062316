using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Headers;

namespace OrleansConnect.Plugins.Transforms.Util;

/// <summary>The part of a record the <c>$Key</c> or <c>$Value</c> variant of a transformation works on.</summary>
internal enum RecordPart
{
    Key,
    Value,
}

internal static class RecordParts
{
    public static Schema? SchemaOf(this RecordPart part, ConnectRecord record) => part == RecordPart.Key ? record.KeySchema : record.ValueSchema;

    public static object? ValueOf(this RecordPart part, ConnectRecord record) => part == RecordPart.Key ? record.Key : record.Value;

    /// <summary>The record with this part replaced (and the headers, when given); the other part unchanged.</summary>
    public static ConnectRecord With(this RecordPart part, ConnectRecord record, Schema? schema, object? value, ConnectHeaders? headers = null) =>
        part == RecordPart.Key
            ? record.NewRecord(record.Topic, record.KafkaPartition, schema, value, record.ValueSchema, record.Value, record.Timestamp, headers)
            : record.NewRecord(record.Topic, record.KafkaPartition, record.KeySchema, record.Key, schema, value, record.Timestamp, headers);
}
