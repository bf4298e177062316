using System.Globalization;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Plugins.ObjectStorage.Partitioners;

/// <summary>Confluent's <c>DefaultPartitioner</c>: one directory per Kafka partition, <c>partition=N</c>.</summary>
internal sealed class DefaultPartitioner(string directoryDelim) : Partitioner(directoryDelim)
{
    public override string Encode(SinkRecord record, long? timestamp) =>
        "partition=" + record.KafkaPartition?.ToString(CultureInfo.InvariantCulture);
}
