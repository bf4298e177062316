using OrleansConnect.Plugins;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Transforms;

namespace OrleansConnect.Benchmarks.Plugins;

/// <summary>
/// Base of the benchmark's value transformations, shaped like Kafka's built-in SMTs (which this runtime does not ship
/// yet): a struct value in, a new record out, the derived schema cached per input schema as Kafka's SMTs do.
/// </summary>
public abstract class StructTransformation : ITransformation
{
    private Schema? _inputSchema;
    private Schema? _outputSchema;

    public abstract ConfigDef Config { get; }

    public abstract void Configure(IReadOnlyDictionary<string, string> configs);

    public ConnectRecord? Apply(ConnectRecord record)
    {
        if (record.Value is not Struct value)
        {
            return record;
        }

        if (!ReferenceEquals(_inputSchema, value.Schema))
        {
            _outputSchema = OutputSchema(value.Schema);
            _inputSchema = value.Schema;
        }

        var updated = new Struct(_outputSchema!);
        Copy(value, updated);
        return record.NewRecord(record.Topic, record.KafkaPartition, record.KeySchema, record.Key, _outputSchema, updated, record.Timestamp);
    }

    public void Dispose() => GC.SuppressFinalize(this);

    /// <summary>The schema of the transformed value; called once per distinct input schema.</summary>
    protected abstract Schema OutputSchema(Schema input);

    /// <summary>Fills <paramref name="output"/> from <paramref name="input"/>.</summary>
    protected abstract void Copy(Struct input, Struct output);
}
