using OrleansConnect.Grains.Kafka;

namespace OrleansConnect.Grains.Hosting;

/// <summary>
/// <c>embedded-kafka</c>: runs only the embedded Kafka cluster, so several silos (and tests) can share one. Prints
/// <c>bootstrap.servers=&lt;list&gt;</c> and runs until cancelled.
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
}
