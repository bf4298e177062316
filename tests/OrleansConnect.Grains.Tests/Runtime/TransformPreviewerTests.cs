using System.Collections.Immutable;
using OrleansConnect.Grains.Runtime;
using OrleansConnect.Grains.Tests.Plugins;

namespace OrleansConnect.Grains.Tests.Runtime;

public sealed class TransformPreviewerTests
{
    private readonly TransformPreviewer _previewer = new(PluginRegistryTests.Registry, new ConnectorValidator(PluginRegistryTests.Registry));

    [Fact]
    public void Preview_JsonStringValues_RunThroughTheChainAndBackToJson()
    {
        var previews = _previewer.Preview(Request(
            [("transforms", "a"), ("transforms.a.type", "AppendSuffix"), ("transforms.a.suffix", "!")],
            Record("\"x\""), Record("\"drop\"")));

        var kept = previews[0];
        Assert.Equal("\"x!\"", Assert.Single(kept.Steps).Record!.Value);
        Assert.Equal("\"x!\"", kept.Result!.Value);
        Assert.Equal("t", kept.Result.Topic);
        var dropped = previews[1];
        Assert.Null(Assert.Single(dropped.Steps).Record);
        Assert.Null(dropped.Result);
    }

    [Fact]
    public void Preview_NoTransforms_ResultIsTheRecordAsTheConvertersRoundTripIt()
    {
        var preview = Assert.Single(_previewer.Preview(Request([], Record("""{"a": [1, 2.5, "x"]}""", key: "7", ("h", "\"v\"")))));

        Assert.Empty(preview.Steps);
        Assert.Equal("""{"a":[1,2.5,"x"]}""", preview.Result!.Value);
        Assert.Equal("7", preview.Result.Key);
        Assert.Equal([new PreviewHeader("h", "\"v\"")], preview.Result.Headers);
    }

    [Fact]
    public void Preview_ValueTheConverterCannotRead_IsThatRecordsError()
    {
        var previews = _previewer.Preview(Request(
            [("value.converter", "org.apache.kafka.connect.json.JsonConverter"), ("value.converter.schemas.enable", "true")],
            Record("""{"no": "envelope"}""")));

        var preview = Assert.Single(previews);
        Assert.NotNull(preview.Error);
        Assert.Null(preview.Result);
    }

    [Fact]
    public void Preview_InvalidChain_Is400NamingTheKey()
    {
        var e = Assert.Throws<ConnectRestException>(() => _previewer.Preview(Request([("transforms", "a"), ("transforms.a.type", "AppendSuffix")], Record("1"))));

        Assert.Equal(400, e.StatusCode);
        Assert.Contains("transforms.a.suffix", e.Message, StringComparison.Ordinal);
    }

    private static TransformPreviewRequest Request((string Key, string Value)[] config, params PreviewRecord[] records) =>
        new(config.ToImmutableDictionary(p => p.Key, p => p.Value), [.. records]);

    private static PreviewRecord Record(string value, string? key = null, params (string Key, string Value)[] headers) =>
        new("t", null, key, value, [.. headers.Select(h => new PreviewHeader(h.Key, h.Value))], null);
}
