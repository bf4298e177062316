using System.Collections.Immutable;
using System.Globalization;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using OrleansConnect.Grains.Hosting;
using OrleansConnect.Grains.Import;
using OrleansConnect.Grains.Kafka;
using OrleansConnect.Grains.Offsets;
using OrleansConnect.Grains.Plugins;
using OrleansConnect.Grains.Runtime;

namespace OrleansConnect.Grains.Grains;

/// <inheritdoc cref="IKafkaConnectImportGrain" />
/// <remarks>
/// Not reentrant: one import at a time. Connectors are created through <see cref="IConnectorGrain"/> as
/// <c>POST /connectors</c> creates them (validated, STOPPED first), their source offsets written through
/// <see cref="IConnectorGrain.AlterOffsetsAsync"/> as <c>PATCH /connectors/{name}/offsets</c> writes them (so the
/// connector's own check applies), and only then are they set to their target state. A connector that exists here
/// already is left as it is, so a second import changes nothing. Offsets of connector names not live in the imported
/// cluster go straight to their offsets grain, where a connector created later under that name finds them.
/// </remarks>
internal sealed partial class KafkaConnectImportGrain(
    KafkaCluster kafka, PluginRegistry registry, ConnectorValidator validator, ILogger<KafkaConnectImportGrain> logger) : Grain, IKafkaConnectImportGrain
{
    public const string ConfigTopicKey = "config.storage.topic";
    public const string OffsetTopicKey = "offset.storage.topic";
    public const string StatusTopicKey = "status.storage.topic";
    public const string BootstrapServersKey = "bootstrap.servers";

    /// <summary>The connector key of exactly-once source connectors that keep their offsets in a topic of their own (KIP-618).</summary>
    private const string ConnectorOffsetsTopicKey = "offsets.storage.topic";

    private static readonly TimeSpan ReadTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The worker keys the import reads: the topics and how to reach their Kafka (client security keys by prefix).</summary>
    public static bool IsImportKey(string key) =>
        key is ConfigTopicKey or OffsetTopicKey or StatusTopicKey or BootstrapServersKey or "security.protocol"
        || key.StartsWith("ssl.", StringComparison.Ordinal) || key.StartsWith("sasl.", StringComparison.Ordinal);

    public async Task<KafkaConnectImportReport> ImportAsync(KafkaConnectImportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var worker = request.Worker;
        if (worker.Keys.FirstOrDefault(k => !IsImportKey(k)) is { } unused)
        {
            throw ConnectRestException.BadRequest(
                $"'{unused}' is not a setting the import reads: give {ConfigTopicKey}, {OffsetTopicKey}, {StatusTopicKey}, {BootstrapServersKey}, security.protocol, ssl.* and sasl.*");
        }

        var configTopic = Required(worker, ConfigTopicKey);
        var offsetTopic = Required(worker, OffsetTopicKey);
        var (consumer, admin) = Clients(worker);

        var found = new KafkaConnectState();
        await Task.Run(
            () =>
            {
                InternalTopicReader.Read(consumer, admin, configTopic, found.ApplyConfig, ReadTimeout, cancellationToken);
                InternalTopicReader.Read(consumer, admin, offsetTopic, found.ApplyOffset, ReadTimeout, cancellationToken);
                foreach (var topic in found.Connectors.Values.Select(c => c.GetValueOrDefault(ConnectorOffsetsTopicKey)).OfType<string>().Where(t => t.Length > 0 && t != offsetTopic).Distinct(StringComparer.Ordinal))
                {
                    // A connector's own offsets topic wins over the worker's, as Kafka reads both and prefers it.
                    InternalTopicReader.Read(consumer, admin, topic, found.ApplyOffset, ReadTimeout, cancellationToken);
                }

                if (worker.GetValueOrDefault(StatusTopicKey) is { Length: > 0 } statusTopic)
                {
                    InternalTopicReader.Read(consumer, admin, statusTopic, found.ApplyStatus, ReadTimeout, cancellationToken);
                }
            },
            cancellationToken);

        var connectors = ImmutableArray.CreateBuilder<ImportedConnector>();
        foreach (var (name, config) in found.Connectors.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            connectors.Add(await ImportConnectorAsync(name, config, found, request, cancellationToken));
        }

        var offsets = ImmutableArray.CreateBuilder<ImportedOffsets>();
        foreach (var name in found.OffsetOwners.Where(o => !found.Connectors.ContainsKey(o)))
        {
            offsets.Add(await ImportOffsetsAsync(name, found.Offsets(name), request.DryRun));
        }

        LogImported(logger, request.DryRun ? "Dry run of an import" : "Imported", configTopic, connectors.Count, offsets.Count, found.Problems.Count);
        return new KafkaConnectImportReport(request.DryRun, connectors.ToImmutable(), offsets.ToImmutable(), [.. found.Problems]);
    }

    private async Task<ImportedConnector> ImportConnectorAsync(
        string name, Dictionary<string, string> imported, KafkaConnectState found, KafkaConnectImportRequest request, CancellationToken cancellationToken)
    {
        var config = imported.ToImmutableDictionary(StringComparer.Ordinal).SetItem(ConnectorConfig.NameConfig, name);
        var className = config.GetValueOrDefault(ConnectorConfig.ConnectorClassConfig) ?? string.Empty;
        var plugin = registry.TryResolve(PluginKind.Source, className) ?? registry.TryResolve(PluginKind.Sink, className);
        var targetState = found.TargetState(name);
        var offsets = found.Offsets(name);
        var unknown = UnknownKeys(config, plugin is not null);
        ImportedConnector Report(string action) => new(name, className, plugin is not null, targetState, found.LastStatus(name), offsets.Count, unknown, action);

        if (plugin is null)
        {
            // Its offsets are still kept, for when the class is installed and the connector created under that name.
            var kept = offsets.Count == 0 ? string.Empty : "; source offsets " + (await ImportOffsetsAsync(name, offsets, request.DryRun)).Action;
            return Report($"skipped: connector.class '{className}' is not installed here{kept}");
        }

        var connector = GrainFactory.GetGrain<IConnectorGrain>(name);
        if (await ExistingConfigAsync(connector) is { } existing)
        {
            return Report(existing.Count == config.Count && !existing.Except(config).Any()
                ? "unchanged: exists here with this configuration"
                : "skipped: a connector of this name exists here with another configuration; it is left as it is");
        }

        var state = request.Start ? targetState : "STOPPED";
        if (request.DryRun)
        {
            var validation = validator.Validate(config);
            return Report(validation.Errors.Count > 0
                ? "would fail: " + string.Join("; ", ConnectorValidation.Lines(validation.Errors))
                : $"would be created {state}" + (offsets.Count > 0 ? $" with the offsets of {offsets.Count} source partition(s)" : string.Empty));
        }

        try
        {
            await connector.CreateAsync(new CreateConnectorRequest(config, TargetState.Stopped), cancellationToken);
        }
        catch (ConnectRestException e) when (e.StatusCode == 400)
        {
            return Report("not created: " + e.Message);
        }

        if (offsets.Count > 0 && plugin.Kind == PluginKind.Source)
        {
            try
            {
                await connector.AlterOffsetsAsync([.. offsets.Select(o => new ConnectorOffset(o.Key, o.Value))], cancellationToken);
            }
            catch (ConnectRestException e) when (e.StatusCode == 400)
            {
                // Left STOPPED, so that nothing runs from the wrong position.
                return Report($"created STOPPED; its source offsets were refused, so it is not started: {e.Message}");
            }
        }

        switch (state)
        {
            case "STARTED":
                await connector.ResumeAsync(cancellationToken);
                break;
            case "PAUSED":
                await connector.PauseAsync(cancellationToken);
                break;
        }

        return Report($"created {state}" + (offsets.Count > 0 ? $" with the offsets of {offsets.Count} source partition(s)" : string.Empty));
    }

    private async Task<ImportedOffsets> ImportOffsetsAsync(string name, IReadOnlyDictionary<string, string> offsets, bool dryRun)
    {
        var store = GrainFactory.GetGrain<ISourceOffsetsGrain>(name);
        var stored = await store.GetAllAsync();
        if (offsets.All(o => stored.GetValueOrDefault(o.Key) == o.Value))
        {
            return new(name, offsets.Count, "unchanged: these offsets are stored here");
        }

        if (await ExistingConfigAsync(GrainFactory.GetGrain<IConnectorGrain>(name)) is not null)
        {
            return new(name, offsets.Count, "skipped: a connector of this name exists here; change its offsets with PATCH /connectors/" + name + "/offsets");
        }

        if (dryRun)
        {
            return new(name, offsets.Count, "would be stored for a connector created later under this name");
        }

        await store.CommitAsync(offsets.ToImmutableDictionary(o => o.Key, o => (string?)o.Value, StringComparer.Ordinal));
        return new(name, offsets.Count, "stored for a connector created later under this name");
    }

    private static async Task<ImmutableDictionary<string, string>?> ExistingConfigAsync(IConnectorGrain connector)
    {
        try
        {
            return (await connector.GetInfoAsync()).Config;
        }
        catch (ConnectRestException e) when (e.StatusCode == 404)
        {
            return null;
        }
    }

    /// <summary>Config keys that neither the connector nor the runtime defines (Kafka keeps them and passes them on; nothing here reads them).</summary>
    private ImmutableArray<string> UnknownKeys(ImmutableDictionary<string, string> config, bool available)
    {
        if (!available)
        {
            return [];
        }

        var defined = validator.Validate(config).Infos.Configs.Select(c => c.Definition.Name).ToHashSet(StringComparer.Ordinal);
        return [.. config.Keys.Where(k => !defined.Contains(k) && !IsPassedOn(k)).Order(StringComparer.Ordinal)];

        // Client overrides and converter settings go to their client or converter, which the validation does not list.
        static bool IsPassedOn(string key) =>
            key.StartsWith("producer.override.", StringComparison.Ordinal) || key.StartsWith("consumer.override.", StringComparison.Ordinal)
            || key.StartsWith("admin.override.", StringComparison.Ordinal) || key.StartsWith("key.converter.", StringComparison.Ordinal)
            || key.StartsWith("value.converter.", StringComparison.Ordinal) || key.StartsWith("header.converter.", StringComparison.Ordinal);
    }

    private (ConsumerConfig Consumer, AdminClientConfig Admin) Clients(ImmutableDictionary<string, string> worker)
    {
        Dictionary<string, string> settings;
        if (worker.GetValueOrDefault(BootstrapServersKey) is { Length: > 0 } servers)
        {
            settings = new Dictionary<string, string>(StringComparer.Ordinal) { [BootstrapServersKey] = servers };
            foreach (var (key, value) in worker.Where(w => w.Key is not (ConfigTopicKey or OffsetTopicKey or StatusTopicKey or BootstrapServersKey)))
            {
                try
                {
                    foreach (var (name, translated) in KafkaClientKeys.Translate(key, value.Trim(), worker))
                    {
                        settings[name] = translated;
                    }
                }
                catch (ArgumentException e)
                {
                    throw ConnectRestException.BadRequest($"{key}: {e.Message}");
                }
            }
        }
        else
        {
            // This cluster's own Kafka, with the silo's client settings.
            settings = new Dictionary<string, string>(kafka.AdminConfig(), StringComparer.Ordinal);
        }

        var consumer = new ConsumerConfig(new Dictionary<string, string>(settings, StringComparer.Ordinal))
        {
            GroupId = "orleansconnect-import",
            ClientId = "orleansconnect-import",
            EnableAutoCommit = false,
            EnablePartitionEof = true,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        };
        return (consumer, new AdminClientConfig(settings));
    }

    private static string Required(ImmutableDictionary<string, string> worker, string key) =>
        worker.GetValueOrDefault(key) is { Length: > 0 } value
            ? value
            : throw ConnectRestException.BadRequest($"Missing required setting '{key}': the name of the Kafka Connect cluster's topic, as its worker file gives it");

    [LoggerMessage(Level = LogLevel.Information, Message = "{What} of the Kafka Connect cluster of config topic {Topic}: {Connectors} connector(s), offsets of {Deleted} deleted connector(s), {Problems} unreadable record(s)")]
    private static partial void LogImported(ILogger logger, string what, string topic, int connectors, int deleted, int problems);
}
