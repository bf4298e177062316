namespace OrleansConnect.IntegrationTests.Mirror;

/// <summary>
/// Two Kafka clusters (embedded Kafka processes) and a silo whose own Kafka is the target, as MirrorMaker 2 runs on a
/// Connect cluster of the target side; one set per test class.
/// </summary>
public sealed class MirrorClustersFixture : IAsyncLifetime
{
    public EmbeddedKafkaProcess Source { get; private set; } = null!;

    public EmbeddedKafkaProcess Target { get; private set; } = null!;

    public SiloProcess Silo { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Source = await EmbeddedKafkaProcess.StartAsync();
        Target = await EmbeddedKafkaProcess.StartAsync();
        Silo = new SiloProcess($"--Kafka:BootstrapServers={Target.BootstrapServers}");
        await Silo.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        // The silo's clients first: a cluster that goes away under them only makes them retry.
        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }

        if (Target is not null)
        {
            await Target.DisposeAsync();
        }

        if (Source is not null)
        {
            await Source.DisposeAsync();
        }
    }
}
