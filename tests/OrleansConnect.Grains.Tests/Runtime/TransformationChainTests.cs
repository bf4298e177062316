using OrleansConnect.Grains.Runtime;
using OrleansConnect.Grains.Tests.Plugins;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Grains.Tests.Runtime;

public sealed class TransformationChainTests
{
    [Fact]
    public void Apply_TwoTransforms_RunInListOrder()
    {
        using var chain = Chain(("transforms", "a,b"), ("transforms.a.type", "AppendSuffix"), ("transforms.a.suffix", "1"), ("transforms.b.type", "AppendSuffix"), ("transforms.b.suffix", "2"));

        var result = chain.Apply(Record("x"));

        Assert.Equal("x12", result!.Value);
    }

    [Fact]
    public void Apply_TransformReturnsNull_DropsTheRecord()
    {
        using var chain = Chain(("transforms", "a"), ("transforms.a.type", "AppendSuffix"), ("transforms.a.suffix", "1"));

        Assert.Null(chain.Apply(Record("drop")));
    }

    [Theory]
    [InlineData("keep-me", "false", "keep-me!")]
    [InlineData("other", "false", "other")]
    [InlineData("keep-me", "true", "keep-me")]
    [InlineData("other", "true", "other!")]
    public void Apply_WithPredicate_AppliesOnlyWhenItHolds(string value, string negate, string expected)
    {
        using var chain = Chain(
            ("transforms", "a"), ("transforms.a.type", "AppendSuffix"), ("transforms.a.suffix", "!"),
            ("transforms.a.predicate", "p"), ("transforms.a.negate", negate),
            ("predicates", "p"), ("predicates.p.type", "ValueStartsWith"), ("predicates.p.prefix", "keep"));

        Assert.Equal(expected, chain.Apply(Record(value))!.Value);
    }

    [Fact]
    public void Apply_SinkRecord_KeepsItsKafkaOffset()
    {
        using var chain = Chain(("transforms", "a"), ("transforms.a.type", "AppendSuffix"), ("transforms.a.suffix", "1"));

        var result = Assert.IsType<SinkRecord>(chain.Apply(Record("x")));

        Assert.Equal(42, result.KafkaOffset);
    }

    [Fact]
    public void Trace_PredicateThenTransform_ReportsEachStepInOrder()
    {
        using var chain = Chain(
            ("transforms", "a,b"), ("transforms.a.type", "AppendSuffix"), ("transforms.a.suffix", "1"), ("transforms.a.predicate", "p"),
            ("transforms.b.type", "AppendSuffix"), ("transforms.b.suffix", "2"),
            ("predicates", "p"), ("predicates.p.type", "ValueStartsWith"), ("predicates.p.prefix", "keep"));

        var steps = chain.Trace(Record("other"));

        Assert.Equal(["a", "b"], steps.Select(s => s.Alias));
        Assert.Equal([true, false], steps.Select(s => s.SkippedByPredicate));
        Assert.Equal(["other", "other2"], steps.Select(s => s.Record!.Value));
        Assert.All(steps, s => Assert.Null(s.Error));
    }

    [Fact]
    public void Trace_TransformDropsTheRecord_StopsAtThatStep()
    {
        using var chain = Chain(
            ("transforms", "a,b"), ("transforms.a.type", "AppendSuffix"), ("transforms.a.suffix", "1"),
            ("transforms.b.type", "AppendSuffix"), ("transforms.b.suffix", "2"));

        var step = Assert.Single(chain.Trace(Record("drop")));

        Assert.Equal("a", step.Alias);
        Assert.Null(step.Record);
        Assert.False(step.SkippedByPredicate);
    }

    private static SinkRecord Record(string value) => new("t", 0, null, null, Schema.String, value, 42);

    private static TransformationChain Chain(params (string Key, string Value)[] config) =>
        TransformationChain.Create(PluginRegistryTests.Registry, config.ToDictionary(p => p.Key, p => p.Value));
}
