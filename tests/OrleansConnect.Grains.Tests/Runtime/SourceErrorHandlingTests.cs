using Confluent.Kafka;
using OrleansConnect.Grains.Runtime;
using OrleansConnect.Grains.Runtime.Errors;
using OrleansConnect.TestPlugins;

namespace OrleansConnect.Grains.Tests.Runtime;

/// <summary>
/// The <c>errors.*</c> settings on a running source loop: a record that fails a transformation is skipped (its
/// offset still commits) with <c>errors.tolerance=all</c>, and fails the task before its offset commits with <c>none</c>.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SourceErrorHandlingTests(ClusterFixture fixture)
{
    private const int Records = 50;

    [Fact]
    public async Task ToleranceAll_RecordFailingATransformation_SkippedOthersProducedOffsetsCommittedPastIt()
    {
        var name = Name();
        var source = Create(name, new() { ["errors.tolerance"] = "all", ["errors.log.enable"] = "true" });

        source.Start();
        var values = await Eventually.HoldsAsync(
            () => Task.FromResult(Consume(name)),
            v => v.Count == Records - 1,
            v => $"{v.Count} records produced; task {source.State} {source.Trace}");
        await Eventually.HoldsAsync(
            () => fixture.Grains.GetGrain<ISourceOffsetsGrain>(name).GetAllAsync(),
            offsets => offsets.Values.SingleOrDefault() == "{\"i\":49}",
            offsets => $"committed offsets {string.Join(", ", offsets)}");
        await source.StopAsync(TaskLoops.Timeout);

        Assert.Null(source.Trace);
        Assert.Equal(Enumerable.Range(0, Records).Where(i => i != 25).Select(i => $"0-{i}!"), values);
    }

    [Fact]
    public async Task ToleranceNone_RecordFailingATransformation_TaskFailsAndNoOffsetPastItIsCommitted()
    {
        var name = Name();
        var source = Create(name, []);

        source.Start();
        await TaskLoops.WaitForFailedAsync(source);
        var offsets = await fixture.Grains.GetGrain<ISourceOffsetsGrain>(name).GetAllAsync();

        Assert.Contains(RetryWithToleranceOperator.ToleranceExceeded, source.Trace, StringComparison.Ordinal);
        Assert.Contains("Cannot transform 0-25", source.Trace, StringComparison.Ordinal);
        Assert.All(offsets.Values, offset => Assert.True(
            System.Text.Json.JsonDocument.Parse(offset).RootElement.GetProperty("i").GetInt64() < 25, $"offset {offset} committed past the failed record"));
        Assert.DoesNotContain("0-25!", Consume(name));
    }

    [Fact]
    public async Task ToleranceNone_RecordKafkaRefuses_TaskFailsAfterDeliveringAndCommittingTheRecordsBeforeIt()
    {
        var name = Name();
        ClusterFixture.CreateTopic(name);
        var source = TaskLoops.CreateSource(name, name, new Dictionary<string, string>
        {
            [SequenceSourceConnector.CountConfig] = "100",
            [SequenceSourceConnector.BatchConfig] = "100",
            [SequenceSourceConnector.LargeAtConfig] = "60",
        }, ClusterFixture.Kafka.BootstrapServers, fixture.Grains, worker => worker.OffsetFlushIntervalMs = 600_000);

        // One poll of 100: records 0-59 are in the producer when record 60, larger than message.max.bytes, is refused;
        // no interval commit comes in between, so what commits is the final commit's.
        source.Start();
        await TaskLoops.WaitForFailedAsync(source);
        var offsets = await fixture.Grains.GetGrain<ISourceOffsetsGrain>(name).GetAllAsync();

        Assert.Contains(RetryWithToleranceOperator.ToleranceExceeded, source.Trace, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(0, 60).Select(i => $"0-{i}"), Consume(name));
        Assert.Equal("{\"i\":59}", Assert.Single(offsets.Values));
    }

    private static string Name() => "source-errors-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A sequence source of <see cref="Records"/> records whose transformation fails on the value <c>0-25</c>.</summary>
    private SourceTaskRunner Create(string name, Dictionary<string, string> settings)
    {
        ClusterFixture.CreateTopic(name);
        settings[SequenceSourceConnector.CountConfig] = Records.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["transforms"] = "suffix";
        settings["transforms.suffix.type"] = typeof(AppendSuffix).FullName!;
        settings["transforms.suffix.suffix"] = "!";
        settings["transforms.suffix.fail.on"] = "0-25";
        return TaskLoops.CreateSource(name, name, settings, ClusterFixture.Kafka.BootstrapServers, fixture.Grains);
    }

    private static List<string> Consume(string topic) => TaskLoops.ConsumeValues(topic, ClusterFixture.Kafka.BootstrapServers);
}
