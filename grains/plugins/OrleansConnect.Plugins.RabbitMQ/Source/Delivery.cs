using RabbitMQ.Client;

namespace OrleansConnect.Plugins.RabbitMQ.Source;

/// <summary>
/// A message the broker delivered to the task, copied out of the client's buffers (which it reuses once the consumer
/// callback returns). <paramref name="Session"/> is the connection it came on: a delivery tag means something only on
/// the channel that delivered it, so an acknowledgement goes out only while that connection is the current one.
/// </summary>
internal sealed record Delivery(
    long Session,
    string Queue,
    string ConsumerTag,
    ulong DeliveryTag,
    bool Redelivered,
    string Exchange,
    string RoutingKey,
    IReadOnlyBasicProperties Properties,
    byte[] Body);
