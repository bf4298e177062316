using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansConnect.Grains.Hosting;

/// <summary>
/// A Kafka Connect worker file (<c>connect-distributed.properties</c>, <c>connect-standalone.properties</c>) mapped
/// onto the silo's .NET settings, so the rest of the silo reads one configuration whichever way it was given. Every
/// key of Kafka Connect 3.x is in <see cref="Keys"/>: honoured (mapped), accepted (not needed here, with the reason),
/// warned about (where Kafka only warns), or refused for values this worker cannot honour. A key Kafka does not know
/// is refused: Kafka only logs "isn't a known config" for it, and a misspelt key would then run on a default unseen.
/// </summary>
internal sealed partial class WorkerProperties
{
    /// <summary>Our one key: the PostgreSQL database that keeps a distributed cluster's state (an Npgsql connection string).</summary>
    public const string PostgreSqlKey = "orleansconnect.state.postgresql";

    private const string GroupMembership = "Kafka's worker group membership; silos find each other through Orleans membership (Orleans:Membership:*)";
    private const string InternalTopics = "Kafka keeps connector configs, offsets and statuses in these topics; OrleansConnect keeps them in grain storage (PostgreSQL in distributed mode), so no internal topic is created";
    private const string NoForwarding = "Kafka workers forward REST requests to the leader; here every silo answers every request through the grains, so no worker needs another's REST address";
    private const string JvmMetrics = "Java client metrics and JMX reporters; OrleansConnect has no JVM";

    private readonly string _file;
    private readonly WorkerMode _mode;
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _warnings = [];
    private readonly Dictionary<string, Dictionary<string, PropertyEntry>> _clients = new(StringComparer.Ordinal)
    {
        ["Client"] = new(StringComparer.Ordinal),
        ["Producer"] = new(StringComparer.Ordinal),
        ["Consumer"] = new(StringComparer.Ordinal),
        ["Admin"] = new(StringComparer.Ordinal),
    };

    private readonly Dictionary<string, PropertyEntry> _rest = new(StringComparer.Ordinal);

    private WorkerProperties(string file, WorkerMode mode) => (_file, _mode) = (file, mode);

    internal delegate void Mapper(WorkerProperties worker, PropertyEntry entry, string suffix);

    /// <summary>Every key or key prefix (ending in <c>.</c>) a worker file may hold, and what the silo does with it.</summary>
    internal static IReadOnlyList<WorkerKey> Keys { get; } =
    [
        Honoured("bootstrap.servers", "Kafka:BootstrapServers", (w, e, _) => w.Set("Kafka:BootstrapServers", w.List(e))),
        Honoured("group.id", "Orleans:ClusterId and Orleans:ServiceId: silos with the same group.id and state store form one cluster and share its connectors", (w, e, _) => w.GroupId(e)),
        Honoured(PostgreSqlKey, "ConnectionStrings:PostgreSQL (distributed mode only)", (w, e, _) => w.PostgreSql(e)),
        Honoured("key.converter", "OrleansConnect:KeyConverter", (w, e, _) => w.Set("OrleansConnect:KeyConverter", w.Required(e))),
        Honoured("key.converter.", "OrleansConnect:KeyConverterSettings:<rest of the key>", (w, e, s) => w.Set($"OrleansConnect:KeyConverterSettings:{s}", e.Value.Trim())),
        Honoured("value.converter", "OrleansConnect:ValueConverter", (w, e, _) => w.Set("OrleansConnect:ValueConverter", w.Required(e))),
        Honoured("value.converter.", "OrleansConnect:ValueConverterSettings:<rest of the key>", (w, e, s) => w.Set($"OrleansConnect:ValueConverterSettings:{s}", e.Value.Trim())),
        Honoured("header.converter", "OrleansConnect:HeaderConverter", (w, e, _) => w.Set("OrleansConnect:HeaderConverter", w.Required(e))),
        Honoured("header.converter.", "OrleansConnect:HeaderConverterSettings:<rest of the key>", (w, e, s) => w.Set($"OrleansConnect:HeaderConverterSettings:{s}", e.Value.Trim())),
        Honoured("offset.flush.interval.ms", "OrleansConnect:OffsetFlushIntervalMs", (w, e, _) => w.Set("OrleansConnect:OffsetFlushIntervalMs", w.Milliseconds(e))),
        Honoured("offset.flush.timeout.ms", "OrleansConnect:OffsetFlushTimeoutMs", (w, e, _) => w.Set("OrleansConnect:OffsetFlushTimeoutMs", w.Milliseconds(e))),
        Honoured("task.shutdown.graceful.timeout.ms", "OrleansConnect:TaskShutdownGracefulTimeoutMs", (w, e, _) => w.Set("OrleansConnect:TaskShutdownGracefulTimeoutMs", w.Milliseconds(e))),
        Honoured("plugin.path", "OrleansConnect:PluginPath (directories of .NET plugin assemblies; a Java jar in them is not a plugin here)", (w, e, _) => w.Set("OrleansConnect:PluginPath", w.List(e))),
        Honoured("listeners", "Urls: HTTP://host:port and HTTPS://host:port, an empty host for every interface; HTTPS takes Kestrel's certificate (Kestrel:Certificates:Default:*)", (w, e, _) => w._rest[e.Key] = e),
        Honoured("rest.host.name", "Urls, with rest.port, when listeners is not given (removed in Kafka 3.0, which ignores it; honoured here as Kafka 2.x did, since old files still carry it)", (w, e, _) => w._rest[e.Key] = e),
        Honoured("rest.port", "Urls, with rest.host.name (default localhost), when listeners is not given", (w, e, _) => w._rest[e.Key] = e),
        Honoured("access.control.allow.origin", "OrleansConnect:Rest:AllowOrigin: the CORS origins ('*' for any) the REST API allows", (w, e, _) => w.Set("OrleansConnect:Rest:AllowOrigin", e.Value.Trim())),
        Honoured("access.control.allow.methods", "OrleansConnect:Rest:AllowMethods: the CORS methods (default GET,POST,HEAD, as Kafka)", (w, e, _) => w.Set("OrleansConnect:Rest:AllowMethods", e.Value.Trim())),
        Honoured("security.protocol", "Kafka:Client:security.protocol, for every client the worker makes", (w, e, _) => w._clients["Client"][e.Key] = e),
        Honoured("ssl.", "Kafka:Client:<librdkafka key>, for every client the worker makes; Java-only keys translated (PEM and PKCS#12 stores) or refused (JKS stores, Java cipher names)", (w, e, _) => w._clients["Client"][e.Key] = e),
        Honoured("sasl.", "Kafka:Client:<librdkafka key>, for every client the worker makes; sasl.jaas.config becomes sasl.username/sasl.password (PLAIN, SCRAM), OIDC client credentials (OAUTHBEARER) or principal/keytab (Kerberos)", (w, e, _) => w._clients["Client"][e.Key] = e),
        Honoured("producer.", "Kafka:Producer:<rest of the key>, translated as the top-level client keys", (w, e, s) => w._clients["Producer"][s] = e with { Key = s }),
        Honoured("consumer.", "Kafka:Consumer:<rest of the key>, translated as the top-level client keys", (w, e, s) => w._clients["Consumer"][s] = e with { Key = s }),
        Honoured("admin.", "Kafka:Admin:<rest of the key>, translated as the top-level client keys", (w, e, s) => w._clients["Admin"][s] = e with { Key = s }),

        Accepted("config.storage.topic", InternalTopics),
        Accepted("config.storage.replication.factor", InternalTopics),
        Accepted("config.storage.", InternalTopics),
        Accepted("offset.storage.topic", InternalTopics),
        Accepted("offset.storage.partitions", InternalTopics),
        Accepted("offset.storage.replication.factor", InternalTopics),
        Accepted("offset.storage.", InternalTopics),
        Accepted("status.storage.topic", InternalTopics),
        Accepted("status.storage.partitions", InternalTopics),
        Accepted("status.storage.replication.factor", InternalTopics),
        Accepted("status.storage.", InternalTopics),
        Honoured("offset.storage.file.filename", "OrleansConnect:StateDirectory (connect-standalone): the directory that keeps connectors, target states, task configs and source offsets; a Kafka Connect offsets file is not read", (w, e, _) => w.StateDirectory(e)),
        Accepted("session.timeout.ms", GroupMembership),
        Accepted("heartbeat.interval.ms", GroupMembership),
        Accepted("rebalance.timeout.ms", GroupMembership),
        Accepted("connect.protocol", GroupMembership),
        Accepted("scheduled.rebalance.max.delay.ms", "Kafka waits this long for a lost worker before reassigning its tasks; here they run again elsewhere as soon as membership declares the silo dead (Orleans:Membership:*)"),
        Accepted("worker.sync.timeout.ms", GroupMembership),
        Accepted("worker.unsync.backoff.ms", GroupMembership),
        Accepted("metadata.recovery.strategy", GroupMembership),
        Accepted("metadata.max.age.ms", GroupMembership),
        Accepted("client.id", GroupMembership + "; task clients get their own ids (connector-producer-<connector>-<task>, as Kafka)"),
        Accepted("send.buffer.bytes", GroupMembership),
        Accepted("receive.buffer.bytes", GroupMembership),
        Accepted("reconnect.backoff.ms", GroupMembership),
        Accepted("reconnect.backoff.max.ms", GroupMembership),
        Accepted("socket.connection.setup.timeout.ms", GroupMembership),
        Accepted("socket.connection.setup.timeout.max.ms", GroupMembership),
        Accepted("retry.backoff.ms", GroupMembership),
        Accepted("retry.backoff.max.ms", GroupMembership),
        Accepted("request.timeout.ms", GroupMembership),
        Accepted("connections.max.idle.ms", GroupMembership),
        Accepted("client.dns.lookup", "the DNS lookup of Kafka's own worker clients; give producer./consumer./admin.client.dns.lookup for the task clients"),
        Accepted("inter.worker.key.generation.algorithm", NoForwarding),
        Accepted("inter.worker.key.size", NoForwarding),
        Accepted("inter.worker.key.ttl.ms", NoForwarding),
        Accepted("inter.worker.signature.algorithm", NoForwarding),
        Accepted("inter.worker.verification.algorithms", NoForwarding),
        Accepted("rest.advertised.host.name", NoForwarding + "; worker_id is the silo's address"),
        Accepted("rest.advertised.port", NoForwarding),
        Accepted("rest.advertised.listener", NoForwarding),
        Accepted("admin.listeners", "the admin endpoints (/admin/loggers) are served on the REST listeners", (w, e, _) => w.Warn(e, "admin.listeners is not honoured: /admin/loggers is served on the REST listeners")),
        Refused("admin.listeners.https.", "a Java key store for a separate admin listener; configure Kestrel's certificates instead"),
        Refused("listeners.https.", "a Java key store for the HTTPS listener; configure Kestrel:Certificates:Default:Path and :Password instead"),
        Accepted("plugin.discovery", "how a JVM finds plugins (ServiceLoader manifests); .NET plugin assemblies are found by reflection"),
        Accepted("metric.reporters", JvmMetrics),
        Accepted("metrics.num.samples", JvmMetrics),
        Accepted("metrics.sample.window.ms", JvmMetrics),
        Accepted("metrics.recording.level", JvmMetrics),
        Accepted("metrics.context.", JvmMetrics),
        Accepted("auto.include.jmx.reporter", JvmMetrics),
        Accepted("topic.tracking.enable", "topic tracking is always on (GET /connectors/{name}/topics)", (w, e, _) => w.Boolean(e)),
        Accepted("topic.tracking.allow.reset", "resetting active topics is always allowed", (w, e, _) => w.Boolean(e)),
        Accepted("topic.creation.enable", "connector topic.creation.* settings are not implemented yet; topics are created by the brokers' rules (or the embedded Kafka)", (w, e, _) => w.Boolean(e)),
        Accepted("config.providers", "not yet: ${provider:path:key} references are not resolved; a worker file that uses one is refused", (w, e, _) => w.ConfigProviders = true),
        Accepted("config.providers.", "the providers' classes and parameters, see config.providers"),
        Accepted("exactly.once.source.support", "'disabled' only (the default): exactly-once source delivery is not implemented; 'enabled' and 'preparing' are refused", (w, e, _) => w.ExactlyOnce(e)),
        Accepted("connector.client.config.override.policy", "'All' only (Kafka's default since 3.0): producer.override.* and consumer.override.* always apply; 'None' and 'Principal' are refused", (w, e, _) => w.OverridePolicy(e)),
        Accepted("rest.extension.classes", "empty only: a REST extension is a Java class", (w, e, _) => w.Empty(e, "a REST extension is a Java class, which this worker cannot load")),
        Accepted("response.http.headers.config", "empty only: not yet", (w, e, _) => w.Empty(e, "response header rules are not implemented yet")),
        Warned("internal.key.converter", "removed in Kafka 3.0; Kafka warns and ignores it, and so does this worker"),
        Warned("internal.key.converter.", "removed in Kafka 3.0; Kafka warns and ignores it, and so does this worker"),
        Warned("internal.value.converter", "removed in Kafka 3.0; Kafka warns and ignores it, and so does this worker"),
        Warned("internal.value.converter.", "removed in Kafka 3.0; Kafka warns and ignores it, and so does this worker"),
    ];

    /// <summary>The .NET settings the file gives, by configuration key (<c>Kafka:BootstrapServers</c>, <c>urls</c>, ...).</summary>
    public IReadOnlyDictionary<string, string?> Settings => _settings;

    /// <summary>What the silo should log as warnings once it has a logger, each naming the file and line.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>The file as the user named it.</summary>
    public string File => _file;

    private bool ConfigProviders { get; set; }

    /// <summary>Reads and maps a worker file; <see cref="WorkerFileException"/> names the file and line of what is wrong.</summary>
    public static WorkerProperties Load(string path, WorkerMode mode) => From(JavaProperties.Load(path), path, mode);

    /// <summary>Maps parsed entries (<paramref name="file"/> names them in errors).</summary>
    public static WorkerProperties From(IReadOnlyList<PropertyEntry> entries, string file, WorkerMode mode)
    {
        var worker = new WorkerProperties(file, mode);

        // As in Java's Properties, a key given twice takes its last value.
        var last = new Dictionary<string, PropertyEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            last[entry.Key] = entry;
        }

        foreach (var entry in last.Values.OrderBy(e => e.Line))
        {
            var (key, suffix) = Find(entry.Key)
                ?? throw new WorkerFileException(file, entry.Line, $"unknown worker key '{entry.Key}': Kafka Connect 3.x has no such key (Kafka would only warn; this worker refuses it so a misspelt key does not run on a default). The keys: docs/configuration.md, Worker files");
            worker.Apply(key, entry, suffix);
        }

        if (worker.ConfigProviders && last.Values.FirstOrDefault(e => ProviderReference().IsMatch(e.Value)) is { } reference)
        {
            throw new WorkerFileException(file, reference.Line, $"'{reference.Key}' uses a config provider reference (${{provider:path:key}}), which is not resolved yet: give the value itself");
        }

        worker.MapClients();
        worker.MapUrls();
        return worker;
    }

    private static (WorkerKey Key, string Suffix)? Find(string key)
    {
        WorkerKey? best = null;
        foreach (var candidate in Keys)
        {
            if (!candidate.IsPrefix && candidate.Key == key)
            {
                return (candidate, string.Empty);
            }

            if (candidate.IsPrefix && key.Length > candidate.Key.Length && key.StartsWith(candidate.Key, StringComparison.Ordinal)
                && (best is null || candidate.Key.Length > best.Key.Length))
            {
                best = candidate;
            }
        }

        return best is null ? null : (best, key[best.Key.Length..]);
    }

    private void Apply(WorkerKey key, PropertyEntry entry, string suffix)
    {
        try
        {
            switch (key.Use)
            {
                case WorkerKeyUse.Refused:
                    throw new ArgumentException(key.Note);
                case WorkerKeyUse.Warned:
                    Warn(entry, $"'{entry.Key}' is ignored: {key.Note}");
                    break;
            }

            key.Map?.Invoke(this, entry, suffix);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            throw new WorkerFileException(_file, entry.Line, $"{entry.Key}: {e.Message}");
        }
    }

    private void Set(string setting, string value) => _settings[setting] = value;

    private void Warn(PropertyEntry entry, string message) => _warnings.Add($"{_file}:{entry.Line}: {message}");

    private string Required(PropertyEntry entry) =>
        entry.Value.Trim() is { Length: > 0 } value ? value : throw new ArgumentException("must not be empty");

    private string List(PropertyEntry entry) =>
        string.Join(',', entry.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    private string Milliseconds(PropertyEntry entry) =>
        long.TryParse(entry.Value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms) && ms >= 0
            ? (ms <= int.MaxValue ? ms : int.MaxValue).ToString(CultureInfo.InvariantCulture)
            : throw new ArgumentException($"'{entry.Value.Trim()}' is not a number of milliseconds");

    private void Boolean(PropertyEntry entry)
    {
        if (!bool.TryParse(entry.Value.Trim(), out _))
        {
            throw new ArgumentException($"'{entry.Value.Trim()}' is not true or false");
        }
    }

    private void Empty(PropertyEntry entry, string why)
    {
        if (entry.Value.Trim().Length > 0)
        {
            throw new ArgumentException(why);
        }
    }

    private void OnlyIn(WorkerMode mode, PropertyEntry entry)
    {
        if (_mode != mode)
        {
            Warn(entry, $"'{entry.Key}' is a connect-{mode.ToString().ToLowerInvariant()} key and is ignored by connect-{_mode.ToString().ToLowerInvariant()} (Kafka warns the same way)");
        }
    }

    private void StateDirectory(PropertyEntry entry)
    {
        if (_mode != WorkerMode.Standalone)
        {
            OnlyIn(WorkerMode.Standalone, entry);
            return;
        }

        Set("OrleansConnect:StateDirectory", Required(entry));
    }

    private void GroupId(PropertyEntry entry)
    {
        if (_mode != WorkerMode.Distributed)
        {
            OnlyIn(WorkerMode.Distributed, entry);
            return;
        }

        var group = Required(entry);
        Set($"{ClusterDefaults.Section}:ClusterId", group);
        Set($"{ClusterDefaults.Section}:ServiceId", group);
    }

    private void PostgreSql(PropertyEntry entry)
    {
        if (_mode != WorkerMode.Distributed)
        {
            throw new ArgumentException("connect-standalone keeps no shared state; start connect-distributed for a PostgreSQL cluster");
        }

        Set($"ConnectionStrings:{ClusterDefaults.PostgreSqlConnectionName}", Required(entry));
    }

    private void ExactlyOnce(PropertyEntry entry)
    {
        switch (entry.Value.Trim().ToLowerInvariant())
        {
            case "disabled":
                break;
            case "enabled" or "preparing":
                throw new ArgumentException($"'{entry.Value.Trim()}': exactly-once source delivery is not implemented; this worker delivers at least once (set it to disabled)");
            default:
                throw new ArgumentException($"'{entry.Value.Trim()}' must be one of disabled, enabled, preparing");
        }
    }

    private void OverridePolicy(PropertyEntry entry)
    {
        if (entry.Value.Trim() is not ("All" or "org.apache.kafka.connect.connector.policy.AllConnectorClientConfigOverridePolicy"))
        {
            throw new ArgumentException($"'{entry.Value.Trim()}': only All is implemented (connector client overrides always apply)");
        }
    }

    private void MapClients()
    {
        foreach (var (role, entries) in _clients)
        {
            var values = entries.ToDictionary(e => e.Key, e => e.Value.Value.Trim(), StringComparer.Ordinal);
            foreach (var entry in entries.Values)
            {
                try
                {
                    foreach (var (key, value) in KafkaClientKeys.Translate(entry.Key, entry.Value.Trim(), values))
                    {
                        Set($"{KafkaOptions.SectionName}:{role}:{key}", value);
                    }
                }
                catch (ArgumentException e)
                {
                    var name = role == "Client" ? entry.Key : $"{role.ToLowerInvariant()}.{entry.Key}";
                    throw new WorkerFileException(_file, entry.Line, $"{name}: {e.Message}");
                }
            }
        }
    }

    private void MapUrls()
    {
        if (_rest.TryGetValue("listeners", out var listeners))
        {
            var urls = new List<string>();
            foreach (var listener in listeners.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var match = Listener().Match(listener);
                if (!match.Success)
                {
                    throw new WorkerFileException(_file, listeners.Line, $"listeners: '{listener}' is not HTTP://host:port or HTTPS://host:port");
                }

                var host = match.Groups["host"].Value.Length == 0 ? "*" : match.Groups["host"].Value;
                urls.Add($"{match.Groups["scheme"].Value.ToLowerInvariant()}://{host}:{match.Groups["port"].Value}");
            }

            if (urls.Count == 0)
            {
                throw new WorkerFileException(_file, listeners.Line, "listeners: at least one URL is needed, e.g. HTTP://:8083");
            }

            Set("urls", string.Join(';', urls));
            foreach (var old in new[] { "rest.host.name", "rest.port" }.Where(_rest.ContainsKey))
            {
                Warn(_rest[old], $"'{old}' is ignored: listeners is given (as in Kafka 2.x)");
            }

            return;
        }

        if (_rest.Count == 0)
        {
            return;
        }

        var port = 8083;
        if (_rest.TryGetValue("rest.port", out var restPort)
            && !(int.TryParse(restPort.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535))
        {
            throw new WorkerFileException(_file, restPort.Line, $"rest.port: '{restPort.Value.Trim()}' is not a port number");
        }

        var name = _rest.TryGetValue("rest.host.name", out var hostName) && hostName.Value.Trim().Length > 0 ? hostName.Value.Trim() : "localhost";
        Set("urls", FormattableString.Invariant($"http://{name}:{port}"));
    }

    private static WorkerKey Honoured(string key, string note, Mapper map) => new(key, WorkerKeyUse.Honoured, note, map);

    private static WorkerKey Accepted(string key, string note, Mapper? map = null) => new(key, WorkerKeyUse.Accepted, note, map);

    private static WorkerKey Warned(string key, string note) => new(key, WorkerKeyUse.Warned, note);

    private static WorkerKey Refused(string key, string note) => new(key, WorkerKeyUse.Refused, note);

    [GeneratedRegex(@"^(?<scheme>https?)://(?<host>\[[0-9A-Fa-f:.]+\]|[^:/\[\]]*):(?<port>\d{1,5})/?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Listener();

    [GeneratedRegex(@"\$\{[^}:]+:[^}]*\}", RegexOptions.CultureInvariant)]
    private static partial Regex ProviderReference();

    /// <summary>One key (or prefix, ending in <c>.</c>) of the table.</summary>
    internal sealed record WorkerKey(string Key, WorkerKeyUse Use, string Note, Mapper? Map = null)
    {
        public bool IsPrefix => Key.EndsWith('.');
    }
}
