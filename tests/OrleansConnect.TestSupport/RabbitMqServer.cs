using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace OrleansConnect.TestSupport;

/// <summary>
/// A real RabbitMQ broker for the tests: Debian's <c>rabbitmq-server</c> as a child process on free loopback ports,
/// with its database, logs, Erlang cookie and plugin list in a temporary directory, and an Erlang port mapper (epmd)
/// of its own on a free port, so that it neither uses nor leaves behind the machine's epmd on 4369. The node name is
/// unique, no plugin is enabled (no management listener). The <c>guest</c> user works because the tests connect over
/// loopback. <see cref="StopAsync"/> and <see cref="StartAsync"/> take the same broker down and up again (same ports,
/// same data: durable queues and persistent messages survive), for outage tests. It takes a few seconds to start, so
/// share one per test collection. Not sealed, so that a test project can declare it an xunit fixture:
/// <c>sealed class RabbitMqFixture : RabbitMqServer, IAsyncLifetime;</c>.
/// </summary>
public class RabbitMqServer : ServerProcess
{
    /// <summary>Debian puts a wrapper on PATH (/usr/sbin) that switches to the rabbitmq user; the real script is here.</summary>
    private const string ServerDirectory = "/usr/lib/rabbitmq/bin";

    private static readonly Binary Server = Binary.Debian("rabbitmq-server", "rabbitmq-server");
    private static readonly Binary PortMapper = Binary.Debian("epmd", "erlang-base");

    private readonly int _distributionPort = FreePort();
    private readonly string _nodeName = $"oc-{Guid.NewGuid():N}@localhost";
    private string _server = null!;
    private Epmd? _epmd;

    public RabbitMqServer()
        : base("RabbitMQ")
    {
    }

    /// <summary>Whether the broker is installed, so that <see cref="InitializeAsync"/> can start one.</summary>
    public static bool IsInstalled => FindServer() is not null;

    /// <summary>The AMQP port.</summary>
    public int Port { get; } = FreePort();

    /// <summary>The broker's host, for <c>rabbitmq.host</c>.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The user every broker has, allowed over loopback only.</summary>
    public string UserName => "guest";

    /// <summary>The password of <see cref="UserName"/>.</summary>
    public string Password => "guest";

    /// <summary>The connection settings of a connector that reads or writes this broker, with the password.</summary>
    public IReadOnlyDictionary<string, string> ConnectorConfig => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["rabbitmq.host"] = Host,
        ["rabbitmq.port"] = Port.ToString(CultureInfo.InvariantCulture),
        ["rabbitmq.username"] = UserName,
        ["rabbitmq.password"] = Password,
    };

    /// <summary>Starts the port mapper and the broker and waits until the broker takes AMQP connections.</summary>
    public async ValueTask InitializeAsync()
    {
        _server = FindServer() ?? throw new InvalidOperationException(
            $"{Server.MissingMessage} The broker script was looked for in {ServerDirectory} (Debian's rabbitmq-server package).");
        var epmd = PortMapper.Require();
        File.WriteAllText(Path.Combine(TempDirectory, "enabled_plugins"), "[].\n");
        _epmd = new Epmd(epmd, FreePort());
        await _epmd.StartAsync();
        await StartProcessAsync();
    }

    /// <summary>Starts the broker again after <see cref="ServerProcess.StopAsync"/> or <see cref="ServerProcess.Kill"/>: same ports, same data.</summary>
    public Task StartAsync() => StartProcessAsync();

    /// <summary>A connection factory for this broker, for a test that publishes or consumes itself.</summary>
    public ConnectionFactory ConnectionFactory() => new()
    {
        HostName = Host,
        Port = Port,
        UserName = UserName,
        Password = Password,
        AutomaticRecoveryEnabled = false,
    };

    /// <summary>Declares a durable queue with a unique name and returns the name.</summary>
    public async Task<string> CreateQueueAsync(string prefix = "oc")
    {
        var name = $"{prefix}-{Guid.NewGuid():N}";
        await using var connection = await ConnectionFactory().CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(name, durable: true, exclusive: false, autoDelete: false);
        return name;
    }

    /// <summary>How many messages a queue holds that no consumer has been given (ready, not unacknowledged).</summary>
    public async Task<uint> MessageCountAsync(string queue)
    {
        await using var connection = await ConnectionFactory().CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
    }

    protected override TimeSpan ReadyTimeout => TimeSpan.FromSeconds(90);

    protected override ProcessStartInfo CreateStartInfo()
    {
        var start = new ProcessStartInfo(_server) { WorkingDirectory = TempDirectory };
        var environment = start.Environment;
        // Erlang creates its distribution cookie in $HOME: a private home keeps it off the machine's.
        environment["HOME"] = TempDirectory;
        environment["ERL_EPMD_PORT"] = _epmd!.Port.ToString(CultureInfo.InvariantCulture);
        environment["RABBITMQ_NODENAME"] = _nodeName;
        environment["RABBITMQ_NODE_IP_ADDRESS"] = Host;
        environment["RABBITMQ_NODE_PORT"] = Port.ToString(CultureInfo.InvariantCulture);
        environment["RABBITMQ_DIST_PORT"] = _distributionPort.ToString(CultureInfo.InvariantCulture);
        environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(TempDirectory, "mnesia");
        environment["RABBITMQ_LOG_BASE"] = Path.Combine(TempDirectory, "log");
        environment["RABBITMQ_LOGS"] = "-";
        environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(TempDirectory, "enabled_plugins");
        environment["RABBITMQ_PLUGINS_EXPAND_DIR"] = Path.Combine(TempDirectory, "plugins-expand");

        // Files that do not exist: the machine's /etc/rabbitmq must not configure the tests' broker.
        environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(TempDirectory, "rabbitmq");
        environment["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(TempDirectory, "advanced.config");
        environment["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(TempDirectory, "rabbitmq-env.conf");
        return start;
    }

    protected override async Task<bool> IsReadyAsync()
    {
        try
        {
            var factory = ConnectionFactory();
            factory.RequestedConnectionTimeout = TimeSpan.FromSeconds(2);
            await using var connection = await factory.CreateConnectionAsync();
            return true;
        }
        catch (BrokerUnreachableException)
        {
            // Not listening yet, or still booting.
            return false;
        }
    }

    /// <summary>
    /// Ends the port mapper just before the broker is killed: the broker never needs it again, and a mapper left
    /// running would hold its port and outlive the tests.
    /// </summary>
    protected override async ValueTask DisposeAsyncCore()
    {
        if (_epmd is not null)
        {
            await _epmd.DisposeAsync();
        }
    }

    private static string? FindServer()
    {
        var server = Path.Combine(ServerDirectory, "rabbitmq-server");
        return File.Exists(server) ? server : null;
    }

    /// <summary>The Erlang port mapper in the foreground, so that it is this fixture's child and ends with it.</summary>
    private sealed class Epmd(string file, int port) : ServerProcess("epmd")
    {
        public int Port { get; } = port;

        public Task StartAsync() => StartProcessAsync();

        protected override ProcessStartInfo CreateStartInfo()
        {
            var start = new ProcessStartInfo(file) { WorkingDirectory = TempDirectory };
            start.ArgumentList.Add("-port");
            start.ArgumentList.Add(Port.ToString(CultureInfo.InvariantCulture));
            start.ArgumentList.Add("-address");
            start.ArgumentList.Add("127.0.0.1");
            return start;
        }

        protected override Task<bool> IsReadyAsync() => AcceptsConnectionsAsync(Port);
    }
}
