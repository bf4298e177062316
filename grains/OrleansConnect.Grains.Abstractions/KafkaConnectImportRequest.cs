using System.Collections.Immutable;

namespace OrleansConnect.Grains;

/// <summary>An import of a Kafka Connect cluster's state.</summary>
/// <param name="Worker">
/// Keys of the cluster's worker file: <c>config.storage.topic</c> and <c>offset.storage.topic</c> (required),
/// <c>status.storage.topic</c>, and how to reach its Kafka: <c>bootstrap.servers</c> (default: this cluster's Kafka),
/// <c>security.protocol</c>, <c>ssl.*</c>, <c>sasl.*</c>.
/// </param>
/// <param name="DryRun">Only report what would be done.</param>
/// <param name="Start">Create each connector in its imported target state; otherwise every connector is created STOPPED.</param>
[GenerateSerializer, Immutable, Alias("oc.KafkaConnectImportRequest")]
public sealed record KafkaConnectImportRequest(
    [property: Id(0)] ImmutableDictionary<string, string> Worker,
    [property: Id(1)] bool DryRun,
    [property: Id(2)] bool Start);
