using Orleans.TestingHost;

namespace OrleansConnect.Grains.Tests;

/// <summary>A two-silo in-process test cluster whose silos <typeparamref name="TConfigurator"/> configures.</summary>
/// <typeparam name="TConfigurator">Configures each silo.</typeparam>
public class TestClusterFixture<TConfigurator> : IAsyncLifetime
    where TConfigurator : ISiloConfigurator, new()
{
    public TestCluster Cluster { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = new TestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        builder.AddSiloBuilderConfigurator<TConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
