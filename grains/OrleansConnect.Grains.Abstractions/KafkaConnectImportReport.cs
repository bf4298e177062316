using System.Collections.Immutable;

namespace OrleansConnect.Grains;

/// <summary>What an import found in a Kafka Connect cluster's topics and did with it.</summary>
/// <param name="DryRun">Nothing was written.</param>
/// <param name="Connectors">The live connectors, by name.</param>
/// <param name="Offsets">Source offsets of connector names that are not live there (deleted connectors), kept for a connector created later under that name.</param>
/// <param name="Problems">Records that could not be read, each naming its topic, partition and offset; the rest was imported.</param>
[GenerateSerializer, Immutable, Alias("oc.KafkaConnectImportReport")]
public sealed record KafkaConnectImportReport(
    [property: Id(0)] bool DryRun,
    [property: Id(1)] ImmutableArray<ImportedConnector> Connectors,
    [property: Id(2)] ImmutableArray<ImportedOffsets> Offsets,
    [property: Id(3)] ImmutableArray<string> Problems);

/// <summary>One connector of the imported cluster.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Class">Its <c>connector.class</c>.</param>
/// <param name="Available">Whether this runtime has that class.</param>
/// <param name="TargetState">Its target state there: STARTED, PAUSED or STOPPED.</param>
/// <param name="LastStatus">Its last state in the status topic (RUNNING, FAILED, ...), or null.</param>
/// <param name="SourcePartitions">How many source partitions have offsets.</param>
/// <param name="UnknownKeys">Config keys neither the connector nor the runtime defines here: kept in the config, not honoured.</param>
/// <param name="Action">What the import did (or would do): created, unchanged, skipped, with the reason.</param>
[GenerateSerializer, Immutable, Alias("oc.ImportedConnector")]
public sealed record ImportedConnector(
    [property: Id(0)] string Name,
    [property: Id(1)] string Class,
    [property: Id(2)] bool Available,
    [property: Id(3)] string TargetState,
    [property: Id(4)] string? LastStatus,
    [property: Id(5)] int SourcePartitions,
    [property: Id(6)] ImmutableArray<string> UnknownKeys,
    [property: Id(7)] string Action);

/// <summary>The source offsets of a connector name that is not live in the imported cluster.</summary>
/// <param name="Connector">The connector name.</param>
/// <param name="SourcePartitions">How many source partitions have offsets.</param>
/// <param name="Action">What the import did (or would do).</param>
[GenerateSerializer, Immutable, Alias("oc.ImportedOffsets")]
public sealed record ImportedOffsets(
    [property: Id(0)] string Connector,
    [property: Id(1)] int SourcePartitions,
    [property: Id(2)] string Action);
