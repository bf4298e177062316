using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansConnect.Grains.Hosting;
using OrleansConnect.Grains.Kafka;

namespace OrleansConnect.Grains.Tests;

/// <summary>
/// An in-process Orleans cluster of two silos running the runtime, sharing one embedded Kafka cluster (each silo
/// would otherwise start its own). Shared by the tests of <see cref="ClusterCollection"/>.
/// </summary>
public sealed class ClusterFixture : TestClusterFixture<ClusterFixture.SiloConfigurator>
{
    internal static EmbeddedKafkaCluster Kafka { get; } = EmbeddedKafkaCluster.Start();

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>Creates a topic with one partition, so that order is kept end to end.</summary>
    public static void CreateTopic(string topic) => Kafka.CreateTopic(topic, 1);

    public sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Kafka:BootstrapServers"] = Kafka.BootstrapServers,
                    ["OrleansConnect:OffsetFlushIntervalMs"] = "500",
                    ["OrleansConnect:SupervisorIntervalMs"] = "1000",
                    ["OrleansConnect:ValueConverter"] = "org.apache.kafka.connect.storage.StringConverter",
                    ["OrleansConnect:KeyConverter"] = "org.apache.kafka.connect.storage.StringConverter",
                })
                .Build();
            siloBuilder.AddMemoryGrainStorage(ConnectStorage.Name);
            siloBuilder.AddOrleansConnect(
                configuration,
                typeof(OrleansConnect.Plugins.File.FileStreamSourceConnector).Assembly,
                typeof(OrleansConnect.Plugins.Converters.StringConverter).Assembly,
                typeof(OrleansConnect.TestPlugins.SequenceSourceConnector).Assembly);
            siloBuilder.Services.AddLogging();
        }
    }
}
