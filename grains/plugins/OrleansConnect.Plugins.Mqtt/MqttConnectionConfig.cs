using System.Globalization;
using MQTTnet;
using MQTTnet.Formatter;
using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Plugins.Mqtt;

/// <summary>The connection keys the MQTT source and sink share, with the names and defaults of Confluent's MQTT connectors.</summary>
public static class MqttConnectionConfig
{
    public const string ServerUriConfig = "mqtt.server.uri";
    public const string UsernameConfig = "mqtt.username";
    public const string PasswordConfig = "mqtt.password";
    public const string CleanSessionEnabledConfig = "mqtt.clean.session.enabled";
    public const string ConnectTimeoutSecondsConfig = "mqtt.connect.timeout.seconds";
    public const string KeepaliveIntervalSecondsConfig = "mqtt.keepalive.interval.seconds";
    public const string ClientIdConfig = "mqtt.client.id";
    public const string QosConfig = "mqtt.qos";
    public const string SslTrustStorePathConfig = "mqtt.ssl.trust.store.path";
    public const string SslTrustStorePasswordConfig = "mqtt.ssl.trust.store.password";
    public const string SslKeyStorePathConfig = "mqtt.ssl.key.store.path";
    public const string SslKeyStorePasswordConfig = "mqtt.ssl.key.store.password";
    public const string SslKeyPasswordConfig = "mqtt.ssl.key.password";

    private const string Group = "Connection";

    /// <summary>Adds the connection keys to a definition.</summary>
    public static ConfigDef DefineConnection(this ConfigDef def) => def
        .Define(ServerUriConfig, ConfigType.List, ConfigDef.NoDefaultValue, Validators.With(EnsureServerUris, "tcp://host:port or ssl://host:port, one or more"), Importance.High,
            "The MQTT brokers to connect to, as tcp://host:port (or mqtt://); tried in order on every (re)connect until one answers.",
            Group, 1, Width.Long, "Server URIs")
        .Define(UsernameConfig, ConfigType.String, string.Empty, null, Importance.High,
            "Username to connect with, or blank to connect without a username.", Group, 2, Width.Medium, "Username")
        .Define(PasswordConfig, ConfigType.Password, null, null, Importance.High,
            "Password to connect with, or blank to connect without a password. Never logged.", Group, 3, Width.Medium, "Password")
        .Define(CleanSessionEnabledConfig, ConfigType.Boolean, true, null, Importance.Low,
            "Whether the client and server forget the session at each disconnect. false keeps the session on the broker (its subscriptions and the QoS 1 messages not yet acknowledged), which the source needs for at-least-once.",
            Group, 4, Width.Short, "Clean Session")
        .Define(ConnectTimeoutSecondsConfig, ConfigType.Int, 30, Validators.AtLeast(1), Importance.Low,
            "Seconds a connection attempt to one broker may take.", Group, 5, Width.Short, "Connect Timeout")
        .Define(KeepaliveIntervalSecondsConfig, ConfigType.Int, 60, Validators.AtLeast(1), Importance.Low,
            "Seconds between the client's keep-alive pings; the broker drops a client silent for 1.5 times this.", Group, 6, Width.Short, "Keep Alive Interval")
        .Define(ClientIdConfig, ConfigType.String, string.Empty, null, Importance.Medium,
            "The MQTT client id; each task appends -<task number> when there is more than one. Blank: <connector name>-<task number>. With mqtt.clean.session.enabled=false the id names the broker's session: keep it stable.",
            Group, 7, Width.Medium, "Client Id")
        .Define(SslTrustStorePathConfig, ConfigType.String, string.Empty, Validators.With(EnsureUnset, "blank (not supported yet)"), Importance.High,
            "A Java TrustStore file. Not supported yet: must be blank.", "SSL", 1, Width.Long, "Trust Store Path")
        .Define(SslTrustStorePasswordConfig, ConfigType.Password, null, null, Importance.High,
            "The TrustStore's password. Ignored (Java key stores are not supported yet).", "SSL", 2, Width.Medium, "Trust Store Password")
        .Define(SslKeyStorePathConfig, ConfigType.String, string.Empty, Validators.With(EnsureUnset, "blank (not supported yet)"), Importance.High,
            "A Java KeyStore file. Not supported yet: must be blank.", "SSL", 3, Width.Long, "Key Store Path")
        .Define(SslKeyStorePasswordConfig, ConfigType.Password, null, null, Importance.High,
            "The KeyStore's password. Ignored (Java key stores are not supported yet).", "SSL", 4, Width.Medium, "Key Store Password")
        .Define(SslKeyPasswordConfig, ConfigType.Password, null, null, Importance.High,
            "The private key's password. Ignored (Java key stores are not supported yet).", "SSL", 5, Width.Medium, "Key Password");

    /// <summary>Adds <c>mqtt.qos</c>, documented for the direction that uses it.</summary>
    public static ConfigDef DefineQos(this ConfigDef def, string documentation) => def
        .Define(QosConfig, ConfigType.Int, 0, Validators.Between(0, 2), Importance.Medium, documentation, "Connection", 8, Width.Short, "QoS");

    /// <summary>The brokers of <c>mqtt.server.uri</c>, in the order to try them.</summary>
    public static IReadOnlyList<MqttServer> Servers(AbstractConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return [.. config.GetList(ServerUriConfig).Select(u => MqttServer.Parse(ServerUriConfig, u))];
    }

    /// <summary>The client id of task <paramref name="task"/> of <paramref name="taskCount"/>, as the connector hands it out.</summary>
    public static string TaskClientId(AbstractConfig config, string? connectorName, int task, int taskCount)
    {
        ArgumentNullException.ThrowIfNull(config);
        var suffix = task.ToString(CultureInfo.InvariantCulture);
        if (config.GetString(ClientIdConfig) is { Length: > 0 } id)
        {
            return taskCount == 1 ? id : $"{id}-{suffix}";
        }

        // A persistent session is found again by its client id, so it must not change across restarts: the connector's name.
        return $"{connectorName ?? "orleansconnect-mqtt"}-{suffix}";
    }

    /// <summary>The client options for one broker: MQTT 3.1.1 (Confluent's connectors use Paho's v3 client), clean session, timeouts, credentials.</summary>
    public static MqttClientOptions ClientOptions(AbstractConfig config, MqttServer server, string clientId)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(server);
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(server.Host, server.Port)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId(clientId)
            .WithCleanSession(config.GetBoolean(CleanSessionEnabledConfig))
            .WithTimeout(TimeSpan.FromSeconds(config.GetInt(ConnectTimeoutSecondsConfig)))
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(config.GetInt(KeepaliveIntervalSecondsConfig)));
        if (config.GetString(UsernameConfig) is { Length: > 0 } username)
        {
            builder.WithCredentials(username, config.GetPassword(PasswordConfig)?.Value);
        }

        if (server.UseTls)
        {
            builder.WithTlsOptions(tls => tls.UseTls());
        }

        return builder.Build();
    }

    private static void EnsureServerUris(string name, object? value)
    {
        var uris = (IReadOnlyList<string>?)value ?? [];
        if (uris.Count == 0)
        {
            throw new ConfigException(name, string.Empty, "at least one broker URI is required");
        }

        foreach (var uri in uris)
        {
            _ = MqttServer.Parse(name, uri);
        }
    }

    private static void EnsureUnset(string name, object? value)
    {
        if (value is string { Length: > 0 } s)
        {
            throw new ConfigException(name, s, "Java key stores are not supported yet; leave it blank");
        }
    }
}
