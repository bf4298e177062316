using System.Runtime.InteropServices;
using OrleansConnect.Grains.Kafka;

namespace OrleansConnect.Grains.Hosting;

/// <summary>
/// <c>embedded-kafka</c>: runs only the embedded Kafka cluster, so several silos (and tests) can share one. Prints
/// <c>bootstrap.servers=&lt;list&gt;</c> and runs until cancelled. SIGUSR1 takes every broker down (connections drop and
/// are refused; the data stays) and SIGUSR2 brings them back, each answered by a <c>brokers=down</c> / <c>brokers=up</c>
/// line: an outage of the cluster that keeps its data, for tests.
/// </summary>
public static class EmbeddedKafkaCommand
{
    /// <summary>The command's name on the silo's command line.</summary>
    public const string Name = "embedded-kafka";

    /// <summary>Starts the cluster, prints its address, waits for <paramref name="cancellationToken"/>.</summary>
    /// <param name="brokers">Number of brokers.</param>
    /// <param name="output">Where the address line goes.</param>
    /// <param name="cancellationToken">Stops the cluster.</param>
    /// <returns>The process exit code.</returns>
    public static async Task<int> RunAsync(int brokers, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var cluster = EmbeddedKafkaCluster.Start(brokers);
        using var down = PosixSignalRegistration.Create(SigUsr1, context => SetBrokers(cluster, output, up: false, context));
        using var up = PosixSignalRegistration.Create(SigUsr2, context => SetBrokers(cluster, output, up: true, context));
        await output.WriteLineAsync($"bootstrap.servers={cluster.BootstrapServers}").ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: stop.
        }

        return 0;
    }

    // Linux's numbers; .NET accepts raw signal numbers cast to PosixSignal.
    private const PosixSignal SigUsr1 = (PosixSignal)10;
    private const PosixSignal SigUsr2 = (PosixSignal)12;

    private static void SetBrokers(EmbeddedKafkaCluster cluster, TextWriter output, bool up, PosixSignalContext context)
    {
        context.Cancel = true;
        for (var broker = 1; broker <= cluster.Brokers; broker++)
        {
            if (up)
            {
                cluster.SetBrokerUp(broker);
            }
            else
            {
                cluster.SetBrokerDown(broker);
            }
        }

        output.WriteLine(up ? "brokers=up" : "brokers=down");
        output.Flush();
    }
}
