using System.Diagnostics;

namespace OrleansConnect.TestSupport;

/// <summary>
/// The silo binary's <c>embedded-kafka</c> command as its own process: a Kafka cluster (librdkafka's mock cluster, the
/// real protocol) that several silos, kcat and raw clients share, and that outlives a silo killed in a test. The project
/// that starts one references silo/OrleansConnect.Silo.
/// </summary>
public sealed class EmbeddedKafkaProcess : ServerProcess
{
    private const string Prefix = "bootstrap.servers=";
    private volatile string? _bootstrapServers;
    private volatile string? _brokers;

    private EmbeddedKafkaProcess()
        : base("the embedded Kafka")
    {
    }

    /// <summary>The cluster's address, as its first output line gives it.</summary>
    public string BootstrapServers => _bootstrapServers ?? throw new InvalidOperationException("The embedded Kafka has not printed its bootstrap.servers yet");

    /// <summary>Starts the cluster and waits until it prints its <c>bootstrap.servers</c>.</summary>
    public static async Task<EmbeddedKafkaProcess> StartAsync()
    {
        var kafka = new EmbeddedKafkaProcess();
        try
        {
            await kafka.StartProcessAsync();
            return kafka;
        }
        catch
        {
            await kafka.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Takes every broker down (SIGUSR1 to the command): clients' connections drop and new ones are refused, the data
    /// stays. Returns once the cluster says so.
    /// </summary>
    public Task SetBrokersDownAsync() => SetBrokersAsync("USR1", "down");

    /// <summary>Brings the brokers back up (SIGUSR2); returns once the cluster says so.</summary>
    public Task SetBrokersUpAsync() => SetBrokersAsync("USR2", "up");

    protected override ProcessStartInfo CreateStartInfo() => new("dotnet")
    {
        ArgumentList = { Path.Combine(AppContext.BaseDirectory, "OrleansConnect.Silo.dll"), "embedded-kafka" },
        WorkingDirectory = AppContext.BaseDirectory,
    };

    protected override Task<bool> IsReadyAsync() => Task.FromResult(_bootstrapServers is not null);

    protected override void OnOutputLine(string line)
    {
        if (line.StartsWith("brokers=", StringComparison.Ordinal))
        {
            _brokers = line["brokers=".Length..];
        }

        if (_bootstrapServers is null && line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            _bootstrapServers = line[Prefix.Length..];
        }
    }

    private async Task SetBrokersAsync(string signal, string state)
    {
        _brokers = null;
        await SignalAsync(signal);
        await Eventually.HoldsAsync(() => Task.FromResult(_brokers), s => s == state, s => $"the embedded Kafka did not report brokers={state} (last: {s ?? "nothing"})\n{Output}");
    }
}
