namespace OrleansConnect.Grains;

/// <summary>
/// Takes over a Kafka Connect cluster's state (key 0): reads its config, offsets and status topics from the start
/// to the end offsets taken when the call starts, and creates the connectors it finds with their configs, target
/// states and source offsets. Behind <c>POST /admin/import/kafka-connect</c> and the <c>import-kafka-connect</c>
/// command. 400 when the settings or a topic are wrong.
/// </summary>
[Alias("oc.IKafkaConnectImportGrain")]
public interface IKafkaConnectImportGrain : IGrainWithIntegerKey
{
    /// <summary>Reads the topics and imports (or, with <see cref="KafkaConnectImportRequest.DryRun"/>, only reports) what they hold; idempotent.</summary>
    /// <param name="request">The worker settings that name the topics, and how to import.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was found and what was done with each connector.</returns>
    [Alias("Import")]
    Task<KafkaConnectImportReport> ImportAsync(KafkaConnectImportRequest request, CancellationToken cancellationToken = default);
}
