using System.Text.Json.Serialization;
using OrleansConnect.Grains;

namespace OrleansConnect.Api.Contracts;

/// <summary>The answer of <c>POST /admin/import/kafka-connect</c>.</summary>
public sealed record KafkaConnectImportResponse(
    [property: JsonPropertyName("dry_run")] bool DryRun,
    [property: JsonPropertyName("connectors")] IReadOnlyList<ImportedConnectorResponse> Connectors,
    [property: JsonPropertyName("offsets")] IReadOnlyList<ImportedOffsetsResponse> Offsets,
    [property: JsonPropertyName("problems")] IReadOnlyList<string> Problems)
{
    internal static KafkaConnectImportResponse From(KafkaConnectImportReport report) => new(
        report.DryRun,
        [.. report.Connectors.Select(c => new ImportedConnectorResponse(c.Name, c.Class, c.Available, c.TargetState, c.LastStatus, c.SourcePartitions, c.UnknownKeys, c.Action))],
        [.. report.Offsets.Select(o => new ImportedOffsetsResponse(o.Connector, o.SourcePartitions, o.Action))],
        report.Problems);
}

/// <summary>One imported connector.</summary>
public sealed record ImportedConnectorResponse(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("connector.class")] string Class,
    [property: JsonPropertyName("available")] bool Available,
    [property: JsonPropertyName("target_state")] string TargetState,
    [property: JsonPropertyName("last_status")] string? LastStatus,
    [property: JsonPropertyName("source_partitions")] int SourcePartitions,
    [property: JsonPropertyName("unknown_keys")] IReadOnlyList<string> UnknownKeys,
    [property: JsonPropertyName("action")] string Action);

/// <summary>The source offsets of a connector deleted in the imported cluster.</summary>
public sealed record ImportedOffsetsResponse(
    [property: JsonPropertyName("connector")] string Connector,
    [property: JsonPropertyName("source_partitions")] int SourcePartitions,
    [property: JsonPropertyName("action")] string Action);
