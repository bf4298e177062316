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
    public async Task TaskConfigs_ManyTasksAllowed_MakesOneTask()
    {
        var connector = new FileStreamSourceConnector();
        await connector.StartAsync(new Dictionary<string, string> { ["file"] = "/tmp/in.txt", ["topic"] = "t" }, CancellationToken.None);

        var configs = connector.TaskConfigs(4);

        var config = Assert.Single(configs);
        Assert.Equal("/tmp/in.txt", config["file"]);
        Assert.Equal("t", config["topic"]);
        Assert.Equal("2000", config["batch.size"]);
    }

    [Fact]
    public async Task StartAsync_TwoTopics_ThrowsNamingTopic()
    {
        var connector = new FileStreamSourceConnector();

        var error = await Assert.ThrowsAsync<ConfigException>(() =>
            connector.StartAsync(new Dictionary<string, string> { ["file"] = "/tmp/in.txt", ["topic"] = "a,b" }, CancellationToken.None));

        Assert.Contains("topic", error.Message, StringComparison.Ordinal);
    }
}
