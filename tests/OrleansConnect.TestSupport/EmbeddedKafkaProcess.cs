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

    protected override ProcessStartInfo CreateStartInfo() => new("dotnet")
    {
        ArgumentList = { Path.Combine(AppContext.BaseDirectory, "OrleansConnect.Silo.dll"), "embedded-kafka" },
        WorkingDirectory = AppContext.BaseDirectory,
    };

    protected override Task<bool> IsReadyAsync() => Task.FromResult(_bootstrapServers is not null);

    protected override void OnOutputLine(string line)
    {
        if (_bootstrapServers is null && line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            _bootstrapServers = line[Prefix.Length..];
        }
    }
}
