namespace OrleansConnect.Grains;

/// <summary>
/// One entry of Kafka's <c>ConnectorOffsets</c> (KIP-875): a partition and its offset, each a JSON object as text.
/// Source connectors use their own partition and offset maps; sink connectors Kafka's common form,
/// <c>{"kafka_topic":"t","kafka_partition":0}</c> and <c>{"kafka_offset":5}</c>.
/// </summary>
/// <param name="Partition">The partition, a JSON object.</param>
/// <param name="Offset">The offset, a JSON object; null in an alter request resets the partition.</param>
[GenerateSerializer, Immutable, Alias("oc.ConnectorOffset")]
public sealed record ConnectorOffset([property: Id(0)] string Partition, [property: Id(1)] string? Offset);
