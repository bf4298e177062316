using System.Globalization;
using System.Text;
using System.Text.Json;
using OrleansConnect.Grains.Offsets;

namespace OrleansConnect.Grains.Import;

/// <summary>
/// What a Kafka Connect cluster keeps in its internal topics, rebuilt record by record in the topics' order, as
/// Kafka's <c>KafkaConfigBackingStore</c>, <c>KafkaOffsetBackingStore</c> and <c>KafkaStatusBackingStore</c> read
/// them: connectors with their latest configuration and target state (a tombstone deletes), source offsets by
/// connector name and partition (a tombstone resets; offsets outlive their connector), and each connector's last
/// reported state. Values are the schemaless JSON Kafka writes there since 2.0; the <c>{"schema", "payload"}</c>
/// envelope of older workers is unwrapped. A record that cannot be read is kept as a problem naming its topic,
/// partition and offset, and the rest is read on.
/// </summary>
internal sealed class KafkaConnectState
{
    private const string ConnectorPrefix = "connector-";
    private const string TargetStatePrefix = "target-state-";
    private const string StatusConnectorPrefix = "status-connector-";

    /// <summary>Config-topic keys that hold nothing a connector here needs: task configs and their commits (this runtime makes its own), the session key, restart requests, and status keys of tasks.</summary>
    private static readonly string[] IgnoredConfigPrefixes = ["task-", "commit-", "session-key", "restart-connector-"];

    private readonly Dictionary<string, Dictionary<string, string>> _configs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _targetStates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _statuses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string?>> _offsets = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];

    /// <summary>Live connectors (not deleted), by name: their configuration.</summary>
    public IReadOnlyDictionary<string, Dictionary<string, string>> Connectors => _configs;

    /// <summary>Reading problems, each naming its topic, partition and offset.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>Kafka's target state of a live connector: STARTED, PAUSED or STOPPED (STARTED when none was written, as in Kafka).</summary>
    public string TargetState(string connector) => _targetStates.GetValueOrDefault(connector, "STARTED");

    /// <summary>The connector's last state in the status topic (RUNNING, PAUSED, FAILED, ...), or null.</summary>
    public string? LastStatus(string connector) => _statuses.GetValueOrDefault(connector);

    /// <summary>Every connector name with source offsets, deleted connectors' too, sorted.</summary>
    public IEnumerable<string> OffsetOwners => _offsets.Where(o => o.Value.Values.Any(v => v is not null)).Select(o => o.Key).Order(StringComparer.Ordinal);

    /// <summary>A connector's source offsets: canonical offset JSON by canonical partition JSON; reset partitions are left out.</summary>
    public IReadOnlyDictionary<string, string> Offsets(string connector) =>
        _offsets.TryGetValue(connector, out var offsets)
            ? offsets.Where(o => o.Value is not null).ToDictionary(o => o.Key, o => o.Value!, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Reads one record of the config topic.</summary>
    public void ApplyConfig(string topic, int partition, long offset, byte[]? key, byte[]? value)
    {
        var name = KeyText(topic, partition, offset, key);
        if (name is null)
        {
            return;
        }

        try
        {
            if (name.StartsWith(ConnectorPrefix, StringComparison.Ordinal))
            {
                var connector = name[ConnectorPrefix.Length..];
                if (value is null)
                {
                    // Deleted: its target state goes with it; its offsets stay, as in Kafka.
                    _configs.Remove(connector);
                    _targetStates.Remove(connector);
                    return;
                }

                var properties = Payload(value).GetProperty("properties");
                _configs[connector] = properties.EnumerateObject().ToDictionary(p => p.Name, p => Text(p.Value), StringComparer.Ordinal);
            }
            else if (name.StartsWith(TargetStatePrefix, StringComparison.Ordinal))
            {
                var connector = name[TargetStatePrefix.Length..];
                if (value is null)
                {
                    _targetStates.Remove(connector);
                    return;
                }

                // Kafka 3.5+ writes STOPPED as "state.v2" and PAUSED in "state", so that older workers pause it.
                var payload = Payload(value);
                var state = (payload.TryGetProperty("state.v2", out var v2) ? v2 : payload.GetProperty("state")).GetString();
                if (state is not ("STARTED" or "PAUSED" or "STOPPED"))
                {
                    throw new FormatException($"unknown target state '{state}'");
                }

                _targetStates[connector] = state;
            }
            else if (!IgnoredConfigPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))
            {
                Problem(topic, partition, offset, $"unknown record key '{name}' (not a connector, target state, task or commit record); skipped");
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            Problem(topic, partition, offset, $"record '{name}' is not a Kafka Connect config record: {e.Message}");
        }
    }

    /// <summary>Reads one record of an offsets topic: key <c>["connector", {partition}]</c>, value the offset or a tombstone.</summary>
    public void ApplyOffset(string topic, int partition, long offset, byte[]? key, byte[]? value)
    {
        if (KeyText(topic, partition, offset, key) is not { } text)
        {
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = Unwrap(document.RootElement);
            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() != 2 || root[0].ValueKind != JsonValueKind.String || root[1].ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("the key is not [\"<connector>\", {<partition>}]");
            }

            var connector = root[0].GetString()!;
            var sourcePartition = OffsetJson.Canonical(root[1].GetRawText(), "source partition");
            string? sourceOffset = null;
            if (value is not null)
            {
                var payload = Payload(value);
                sourceOffset = payload.ValueKind == JsonValueKind.Null ? null : OffsetJson.Canonical(payload.GetRawText(), "source offset");
            }

            if (!_offsets.TryGetValue(connector, out var offsets))
            {
                _offsets[connector] = offsets = new Dictionary<string, string?>(StringComparer.Ordinal);
            }

            offsets[sourcePartition] = sourceOffset;
        }
        catch (Exception e) when (e is JsonException or FormatException or ConnectRestException)
        {
            Problem(topic, partition, offset, $"record is not a Kafka Connect source offset: {e.Message}");
        }
    }

    /// <summary>Reads one record of the status topic; only connectors' states are kept (tasks' are reported by the tasks that run here).</summary>
    public void ApplyStatus(string topic, int partition, long offset, byte[]? key, byte[]? value)
    {
        if (KeyText(topic, partition, offset, key) is not { } name || !name.StartsWith(StatusConnectorPrefix, StringComparison.Ordinal))
        {
            return;
        }

        var connector = name[StatusConnectorPrefix.Length..];
        if (value is null)
        {
            _statuses.Remove(connector);
            return;
        }

        try
        {
            _statuses[connector] = Payload(value).GetProperty("state").GetString() ?? throw new FormatException("the state is null");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            Problem(topic, partition, offset, $"record '{name}' is not a Kafka Connect status record: {e.Message}");
        }
    }

    /// <summary>The value's JSON, without the envelope that workers with schemas enabled on internal topics wrote.</summary>
    private static JsonElement Payload(byte[] value)
    {
        using var document = JsonDocument.Parse(value);
        return Unwrap(document.RootElement).Clone();
    }

    private static JsonElement Unwrap(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("schema", out _) && element.TryGetProperty("payload", out var payload)
            ? payload
            : element;

    /// <summary>A config value as Kafka's properties hold it: strings as they are, anything else as its JSON text.</summary>
    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => string.Empty,
        _ => value.GetRawText(),
    };

    private string? KeyText(string topic, int partition, long offset, byte[]? key)
    {
        if (key is null)
        {
            Problem(topic, partition, offset, "record has no key; skipped");
            return null;
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(key);
        }
        catch (DecoderFallbackException)
        {
            Problem(topic, partition, offset, "record key is not UTF-8 text; skipped");
            return null;
        }
    }

    private void Problem(string topic, int partition, long offset, string message) =>
        _problems.Add(string.Create(CultureInfo.InvariantCulture, $"{topic} partition {partition} offset {offset}: {message}"));
}
