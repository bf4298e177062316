using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Headers;
using OrleansConnect.Plugins.Transforms.Util;

namespace OrleansConnect.Plugins.Transforms;

/// <summary>
/// A transformation with Kafka's <c>$Key</c> and <c>$Value</c> variants: the part of the record it reads and replaces
/// is chosen by the variant, everything else is shared.
/// </summary>
public abstract class KeyOrValueTransformation : ITransformation
{
    private readonly RecordPart _part;

    private protected KeyOrValueTransformation(RecordPart part) => _part = part;

    /// <inheritdoc />
    public abstract ConfigDef Config { get; }

    /// <inheritdoc />
    public abstract void Configure(IReadOnlyDictionary<string, string> configs);

    /// <inheritdoc />
    public abstract ConnectRecord? Apply(ConnectRecord record);

    /// <inheritdoc />
    public void Dispose() => GC.SuppressFinalize(this);

    private protected Schema? OperatingSchema(ConnectRecord record) => _part.SchemaOf(record);

    private protected object? OperatingValue(ConnectRecord record) => _part.ValueOf(record);

    private protected ConnectRecord NewRecord(ConnectRecord record, Schema? updatedSchema, object? updatedValue, ConnectHeaders? headers = null) =>
        _part.With(record, updatedSchema, updatedValue, headers);

    /// <summary>A null key/value (a tombstone's value) passes unchanged; otherwise the schemaless or the schema path.</summary>
    private protected ConnectRecord? ApplyUnlessNull(ConnectRecord record, Func<ConnectRecord, ConnectRecord?> schemaless, Func<ConnectRecord, ConnectRecord?> withSchema)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (OperatingValue(record) is null)
        {
            return record;
        }

        return OperatingSchema(record) is null ? schemaless(record) : withSchema(record);
    }
}
