using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.File;

namespace OrleansConnect.Plugins.Tests.File;

public sealed class FileStreamSourceConnectorTests
{
    [Theory]
    [InlineData("topic", null)]
    [InlineData("topic", "a,b")]
    [InlineData("batch.size", "0")]
    [InlineData("batch.size", "x")]
    [InlineData("file", null)]
    public void Validate_InvalidValue_ReportsTheKey(string key, string? value)
    {
        var props = new Dictionary<string, string> { ["file"] = "/tmp/in.txt", ["topic"] = "connect-test" };
        props.Remove(key);
        if (value is not null)
        {
            props[key] = value;
        }

        var results = new FileStreamSourceConnector().Validate(props);

        Assert.NotEmpty(results.Single(r => r.Name == key).ErrorMessages);
        Assert.All(results.Where(r => r.Name != key), r => Assert.Empty(r.ErrorMessages));
    }

    [Fact]
    public async Task TaskConfigs_ManyTasksAllowed_MakesOneTaskWithTheWholeConfigAsKafka()
    {
        var connector = new FileStreamSourceConnector();
        var props = new Dictionary<string, string> { ["name"] = "src", ["file"] = "/tmp/in.txt", ["topic"] = "t", ["tasks.max"] = "4" };
        await connector.StartAsync(props, CancellationToken.None);

        var configs = connector.TaskConfigs(4);

        Assert.Equal(props.OrderBy(p => p.Key), Assert.Single(configs).OrderBy(p => p.Key));
    }

    [Fact]
    public async Task StartAsync_TwoTopics_ThrowsNamingTopic()
    {
        var connector = new FileStreamSourceConnector();

        var error = await Assert.ThrowsAsync<ConfigException>(() =>
            connector.StartAsync(new Dictionary<string, string> { ["file"] = "/tmp/in.txt", ["topic"] = "a,b" }, CancellationToken.None));

        Assert.Contains("topic", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlterOffsets_ResetsAndWellShapedOffsets_AreHandled()
    {
        var handled = await new FileStreamSourceConnector().AlterOffsetsAsync(
            new Dictionary<string, string> { ["file"] = "/tmp/in.txt", ["topic"] = "t" },
            [Entry(new() { ["filename"] = "/tmp/in.txt" }, new() { ["position"] = 7L }), Entry(new() { ["anything"] = 1L }, null)],
            CancellationToken.None);

        Assert.True(handled);
    }

    [Theory]
    [InlineData("filename", "position", "seven", "The value for the 'position' key in the offset is expected to be a Long value")]
    [InlineData("filename", "position", -1L, "The value for the 'position' key in the offset should be a non-negative value")]
    [InlineData("filename", "pos", 1L, "Offset objects should either be null or contain the key 'position'")]
    [InlineData("file", "position", 1L, "Partition objects should contain the key 'filename'")]
    public async Task AlterOffsets_WrongShape_ThrowsKafkasMessage(string partitionKey, string offsetKey, object value, string message)
    {
        var error = await Assert.ThrowsAsync<Errors.ConnectException>(() => new FileStreamSourceConnector().AlterOffsetsAsync(
            new Dictionary<string, string> { ["file"] = "/tmp/in.txt", ["topic"] = "t" },
            [Entry(new() { [partitionKey] = "/tmp/in.txt" }, new() { [offsetKey] = value })],
            CancellationToken.None));

        Assert.Equal(message, error.Message);
    }

    private static KeyValuePair<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?> Entry(Dictionary<string, object?> partition, Dictionary<string, object?>? offset) =>
        KeyValuePair.Create<IReadOnlyDictionary<string, object?>, IReadOnlyDictionary<string, object?>?>(partition, offset);
}
