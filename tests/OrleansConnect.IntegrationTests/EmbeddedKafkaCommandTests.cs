using Confluent.Kafka;

namespace OrleansConnect.IntegrationTests;

/// <summary>
/// <c>embedded-kafka</c> runs the embedded cluster on its own, so several silos can share it: kcat and a silo
/// configured with its address use it as any external Kafka.
/// </summary>
public sealed class EmbeddedKafkaCommandTests
{
    [Fact]
    public async Task EmbeddedKafka_SharedByKcatAndASilo_WorksAsAnExternalCluster()
    {
        await using var kafka = await EmbeddedKafkaProcess.StartAsync();
        var bootstrap = kafka.BootstrapServers;
        await Kcat.ProduceAsync(bootstrap, "shared", ["a", "b", "c"]);
        var silo = new SiloProcess($"--Kafka:BootstrapServers={bootstrap}");
        await silo.InitializeAsync();
        try
        {
            Assert.False(silo.Root.TryGetProperty("embedded_kafka_bootstrap_servers", out _), silo.Root.ToString());
            var output = Path.Combine(Path.GetTempPath(), $"oc-shared-{Guid.NewGuid():N}.txt");
            await Rest.CreateConnectorAsync(silo.Http, Examples.FileSink("shared-sink", output, "shared"));
            await Eventually.HoldsAsync(
                () => Task.FromResult(File.Exists(output) ? File.ReadAllLines(output) : []),
                lines => lines.Length == 3,
                lines => $"{output} has {lines.Length} lines, expected a, b, c\n{silo.Output}");
            Assert.Equal(["a", "b", "c"], File.ReadAllLines(output).Order());
            File.Delete(output);
        }
        finally
        {
            await silo.DisposeAsync();
        }

        Assert.Equal(3, (await Kcat.ConsumeAllAsync(bootstrap, "shared")).Count);
    }

    [Fact]
    public async Task EmbeddedKafka_BrokersDownThenUp_RefusesClientsThenServesTheSameData()
    {
        await using var kafka = await EmbeddedKafkaProcess.StartAsync();
        await Kcat.ProduceAsync(kafka.BootstrapServers, "kept", ["a", "b", "c"]);

        await kafka.SetBrokersDownAsync();
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = kafka.BootstrapServers }).Build())
        {
            Assert.Throws<KafkaException>(() => admin.GetMetadata(TimeSpan.FromSeconds(3)));
        }

        await kafka.SetBrokersUpAsync();
        Assert.Equal(["a", "b", "c"], (await Kcat.ConsumeAllAsync(kafka.BootstrapServers, "kept")).Order());
    }
}
