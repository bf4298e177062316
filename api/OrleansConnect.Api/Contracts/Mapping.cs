using System.Collections.Immutable;
using System.Text.Json;
using OrleansConnect.Grains;
using TaskStatus = OrleansConnect.Grains.TaskStatus;

namespace OrleansConnect.Api.Contracts;

/// <summary>Grain wire types to Kafka Connect's JSON shapes.</summary>
internal static class Mapping
{
    public static ConnectorInfoResponse ToResponse(this ConnectorInfo info) =>
        new(info.Name, info.Config, [.. info.Tasks.Select(ToResponse)], TypeName(info.Type));

    public static ConnectorStatusResponse ToResponse(this ConnectorStateInfo status) =>
        new(status.Name, status.Connector.ToResponse(), [.. status.Tasks.Select(ToResponse)], TypeName(status.Type));

    public static TaskStateResponse ToResponse(this TaskStatus task) =>
        new(task.Id, StateName(task.Status.State), task.Status.WorkerId, task.Status.Trace);

    public static TaskInfoResponse ToResponse(this TaskInfo task) => new(task.Id.ToResponse(), task.Config);

    public static IReadOnlyList<TaskInfoResponse> ToResponse(this ImmutableArray<TaskInfo> tasks) => [.. tasks.Select(ToResponse)];

    /// <summary>Kafka's deprecated <c>tasks-config</c> shape: each task's config by its id, <c>{connector}-{task}</c>.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ToTaskConfigsResponse(this ImmutableArray<TaskInfo> tasks) =>
        tasks.ToDictionary(t => t.Id.ToString(), IReadOnlyDictionary<string, string> (t) => t.Config, StringComparer.Ordinal);

    public static ConnectorOffsetsResponse ToResponse(this ImmutableArray<ConnectorOffset> offsets) =>
        new([.. offsets.Select(o => new ConnectorOffsetResponse(Json(o.Partition), o.Offset is null ? null : Json(o.Offset)))]);

    public static PluginResponse ToResponse(this PluginInfo plugin) => new(plugin.ClassName, plugin.Type, plugin.Version);

    public static ServerInfoResponse ToResponse(this ServerInfo info) =>
        new(info.Version, info.Commit, info.KafkaClusterId, info.EmbeddedKafkaBootstrapServers, info.WorkerId, info.EmbeddedKafkaRetentionBytesPerPartition, info.EmbeddedKafkaRetentionBatchesPerPartition);

    public static ConfigInfosResponse ToResponse(this ConfigInfos infos) =>
        new(infos.Name, infos.ErrorCount, infos.Groups, [.. infos.Configs.Select(c => new ConfigInfoResponse(c.Definition.ToResponse(), c.Value.ToResponse()))]);

    public static ConfigKeyInfoResponse ToResponse(this ConfigKeyInfo key) =>
        new(key.Name, key.Type, key.Required, key.DefaultValue, key.Importance, key.Documentation, key.Group, key.Width, key.DisplayName, key.Dependents, key.OrderInGroup);

    public static TransformPreviewResponse ToResponse(this ImmutableArray<RecordPreview> previews) =>
        new([.. previews.Select(p => new RecordPreviewResponse(
            [.. p.Steps.Select(object (s) => s.Error is { } error
                ? new FailedTransformStepResponse(s.Transform, s.Type, error.ToResponse())
                : new TransformStepResponse(s.Transform, s.Type, s.Record?.ToResponse(), s.SkippedByPredicate))],
            p.Result?.ToResponse(),
            p.Error?.ToResponse()))]);

    private static ConfigValueInfoResponse ToResponse(this ConfigValueInfo value) =>
        new(value.Name, value.Value, value.RecommendedValues, value.Errors, value.Visible);

    private static PreviewRecordResponse ToResponse(this PreviewRecord record)
    {
        // Headers are a JSON object by name; a name repeated by a transformation keeps its last value.
        var headers = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var header in record.Headers)
        {
            headers[header.Key] = Json(header.Value);
        }

        return new(record.Topic, record.Partition, record.Key is null ? null : Json(record.Key), record.Value is null ? null : Json(record.Value), headers, record.Timestamp);
    }

    private static ErrorInfoResponse ToResponse(this TransformError error) => new(error.Class, error.Message);

    private static StateResponse ToResponse(this InstanceStatus status) => new(StateName(status.State), status.WorkerId, status.Trace);

    private static ConnectorTaskId ToResponse(this TaskId id) => new(id.Connector, id.Task);

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static string StateName(ConnectorState state) => state.ToString().ToUpperInvariant();

    private static string TypeName(ConnectorType type) => type.ToString().ToLowerInvariant();
}
