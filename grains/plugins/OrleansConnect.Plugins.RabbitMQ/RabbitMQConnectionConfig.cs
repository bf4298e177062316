using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Errors;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace OrleansConnect.Plugins.RabbitMQ;

/// <summary>The connection keys the RabbitMQ source and sink share, with Confluent's names and defaults.</summary>
public static class RabbitMQConnectionConfig
{
    public const string HostConfig = "rabbitmq.host";
    public const string PortConfig = "rabbitmq.port";
    public const string UsernameConfig = "rabbitmq.username";
    public const string PasswordConfig = "rabbitmq.password";
    public const string VirtualHostConfig = "rabbitmq.virtual.host";
    public const string ConnectionTimeoutConfig = "rabbitmq.connection.timeout.ms";
    public const string HandshakeTimeoutConfig = "rabbitmq.handshake.timeout.ms";
    public const string RequestedHeartbeatConfig = "rabbitmq.requested.heartbeat.seconds";
    public const string RequestedChannelMaxConfig = "rabbitmq.requested.channel.max";
    public const string RequestedFrameMaxConfig = "rabbitmq.requested.frame.max";
    public const string AutomaticRecoveryEnabledConfig = "rabbitmq.automatic.recovery.enabled";
    public const string NetworkRecoveryIntervalConfig = "rabbitmq.network.recovery.interval.ms";
    public const string SecurityProtocolConfig = "rabbitmq.security.protocol";
    public const string SslConfig = "rabbitmq.ssl";

    private const string Group = "Connection";

    /// <summary>Adds the connection keys to a definition.</summary>
    public static ConfigDef DefineConnection(this ConfigDef def) => def
        .Define(HostConfig, ConfigType.String, "localhost", Validators.NonEmptyString(), Importance.High,
            "The RabbitMQ host to connect to.", Group, 1, Width.Medium, "Host")
        .Define(PortConfig, ConfigType.Int, 5672, Validators.Between(1, 65535), Importance.Medium,
            "The RabbitMQ port to connect to.", Group, 2, Width.Short, "Port")
        .Define(UsernameConfig, ConfigType.String, "guest", null, Importance.High,
            "The username to authenticate to RabbitMQ with.", Group, 3, Width.Medium, "Username")
        .Define(PasswordConfig, ConfigType.Password, "guest", null, Importance.High,
            "The password to authenticate to RabbitMQ with. Never logged.", Group, 4, Width.Medium, "Password")
        .Define(VirtualHostConfig, ConfigType.String, "/", null, Importance.High,
            "The virtual host to use when connecting to the broker.", Group, 5, Width.Medium, "Virtual Host")
        .Define(ConnectionTimeoutConfig, ConfigType.Int, 60_000, Validators.AtLeast(0), Importance.Low,
            "TCP connection timeout in milliseconds; 0 waits without limit.", Group, 6, Width.Short, "Connection Timeout")
        .Define(HandshakeTimeoutConfig, ConfigType.Int, 10_000, Validators.AtLeast(0), Importance.Low,
            "The AMQP 0-9-1 handshake timeout in milliseconds.", Group, 7, Width.Short, "Handshake Timeout")
        .Define(RequestedHeartbeatConfig, ConfigType.Int, 60, Validators.AtLeast(0), Importance.Low,
            "The heartbeat timeout asked of the broker, in seconds; 0 turns heartbeats off.", Group, 8, Width.Short, "Heartbeat")
        .Define(RequestedChannelMaxConfig, ConfigType.Int, 2047, Validators.Between(0, ushort.MaxValue), Importance.Low,
            "The highest channel number asked of the broker; 0 for no limit.", Group, 9, Width.Short, "Channel Max")
        .Define(RequestedFrameMaxConfig, ConfigType.Int, 0, Validators.AtLeast(0), Importance.Low,
            "The largest frame size asked of the broker, in bytes; 0 for no limit.", Group, 10, Width.Short, "Frame Max")
        .Define(AutomaticRecoveryEnabledConfig, ConfigType.Boolean, true, null, Importance.Low,
            "Accepted for compatibility. The tasks always reconnect after a lost connection, by themselves, because the "
            + "client's own recovery would renumber delivery tags under unacknowledged messages.", Group, 11, Width.Short, "Automatic Recovery")
        .Define(NetworkRecoveryIntervalConfig, ConfigType.Int, 10_000, Validators.AtLeast(0), Importance.Low,
            "Milliseconds to wait before a task reconnects after a lost connection.", Group, 12, Width.Short, "Recovery Interval")

        // Defined only to refuse TLS: a config that asks for it must not connect in plain text.
        .Define(SecurityProtocolConfig, ConfigType.String, "PLAINTEXT", Validators.With(EnsurePlaintext, "PLAINTEXT"), Importance.Medium,
            "Only PLAINTEXT: TLS to the broker is not supported yet.", Group, 13, Width.Short, "Security Protocol")
        .Define(SslConfig, ConfigType.Boolean, false, Validators.With(EnsureNoSsl, "false"), Importance.Medium,
            "Only false: TLS to the broker is not supported yet.", Group, 14, Width.Short, "SSL");

    /// <summary>The connection factory for a parsed configuration. The client's own recovery is off: the tasks reconnect.</summary>
    public static ConnectionFactory CreateFactory(AbstractConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new ConnectionFactory
        {
            HostName = config.GetString(HostConfig)!,
            Port = config.GetInt(PortConfig),
            UserName = config.GetString(UsernameConfig) ?? string.Empty,
            Password = config.GetPassword(PasswordConfig)?.Value ?? string.Empty,
            VirtualHost = config.GetString(VirtualHostConfig) ?? "/",
            RequestedConnectionTimeout = Milliseconds(config.GetInt(ConnectionTimeoutConfig)),
            HandshakeContinuationTimeout = TimeSpan.FromMilliseconds(config.GetInt(HandshakeTimeoutConfig)),
            RequestedHeartbeat = TimeSpan.FromSeconds(config.GetInt(RequestedHeartbeatConfig)),
            RequestedChannelMax = (ushort)config.GetInt(RequestedChannelMaxConfig),
            RequestedFrameMax = (uint)config.GetInt(RequestedFrameMaxConfig),
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            ClientProvidedName = "OrleansConnect",
        };
    }

    /// <summary>Where the configuration points, for messages (never with the password).</summary>
    public static string Describe(AbstractConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return $"{config.GetString(HostConfig)}:{config.GetInt(PortConfig)}{config.GetString(VirtualHostConfig)}";
    }

    /// <summary>Opens a connection, turning a broker that cannot be reached into a <see cref="RetriableException"/>.</summary>
    public static async Task<IConnection> ConnectAsync(ConnectionFactory factory, AbstractConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        try
        {
            return await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (BrokerUnreachableException e) when (e.InnerException is AuthenticationFailureException auth)
        {
            throw new ConnectException($"RabbitMQ at {Describe(config)} refused the credentials of '{UsernameConfig}' and '{PasswordConfig}': {auth.Message}", e);
        }
        catch (BrokerUnreachableException e)
        {
            throw new RetriableException($"Could not connect to RabbitMQ at {Describe(config)}: {e.InnerException?.Message ?? e.Message}", e);
        }
    }

    /// <summary>
    /// Whether an exception means the connection or channel went away (the broker stopped, the network broke). A
    /// <see cref="ConnectException"/> is this plugin's verdict already (a missing queue, refused credentials), never.
    /// </summary>
    public static bool IsConnectionFailure(Exception e) =>
        e is not ConnectException
        && (e is AlreadyClosedException or OperationInterruptedException or BrokerUnreachableException or ConnectFailureException
                or IOException or System.Net.Sockets.SocketException
            || (e.InnerException is { } inner && IsConnectionFailure(inner)));

    private static void EnsurePlaintext(string name, object? value)
    {
        if (!string.Equals(value as string, "PLAINTEXT", StringComparison.OrdinalIgnoreCase))
        {
            throw new ConfigException(name, value, "TLS to RabbitMQ is not supported yet; only PLAINTEXT");
        }
    }

    private static void EnsureNoSsl(string name, object? value)
    {
        if (value is true)
        {
            throw new ConfigException(name, value, "TLS to RabbitMQ is not supported yet");
        }
    }

    private static TimeSpan Milliseconds(int value) => value == 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(value);
}
