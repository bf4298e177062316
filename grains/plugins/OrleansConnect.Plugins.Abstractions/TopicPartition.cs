namespace OrleansConnect.Plugins;

/// <summary>A Kafka topic partition.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Partition">The partition number.</param>
public readonly record struct TopicPartition(string Topic, int Partition)
{
    /// <inheritdoc />
    public override string ToString() => $"{Topic}-{Partition}";
}
