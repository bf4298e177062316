using OrleansConnect.Plugins.Http.Source;

namespace OrleansConnect.Plugins.Http.Tests;

public sealed class HttpSourceConnectorTests
{
    private static Dictionary<string, string> Config(params (string Key, string Value)[] settings)
    {
        var config = new Dictionary<string, string>
        {
            [HttpSourceConfig.UrlConfig] = "http://127.0.0.1:1/events?from=${offset}",
            [HttpSourceConfig.TopicNamePatternConfig] = "events",
        };
        foreach (var (key, value) in settings)
        {
            config[key] = value;
        }

        return config;
    }

    private static string[] ErrorKeys(Dictionary<string, string> config) =>
        [.. new HttpSourceConnector().Validate(config).Where(v => v.ErrorMessages.Count > 0).Select(v => v.Name)];

    [Fact]
    public void Validate_ConfluentDefaults_HasNoErrors() => Assert.Empty(ErrorKeys(Config()));

    [Theory]
    [InlineData(HttpSourceConfig.DataPointerConfig, "data/items")]
    [InlineData(HttpSourceConfig.OffsetModeConfig, "TIMESTAMP")]
    [InlineData(HttpSourceConfig.RequestMethodConfig, "DELETE")]
    [InlineData(HttpSourceConfig.InitialOffsetConfig, "abc")]
    [InlineData(HttpSourceConfig.UrlConfig, "events")]
    [InlineData(HttpSourceConfig.RequestHeadersConfig, "Accept")]
    public void Validate_BadValue_NamesTheKey(string key, string value) => Assert.Equal([key], ErrorKeys(Config((key, value))));

    [Theory]
    [InlineData("CURSOR_PAGINATION", HttpSourceConfig.NextPagePointerConfig)]
    [InlineData("CHAINING", HttpSourceConfig.OffsetPointerConfig)]
    public void Validate_ModeWithoutItsPointer_NamesThePointer(string mode, string pointer) =>
        Assert.Equal([pointer], ErrorKeys(Config((HttpSourceConfig.OffsetModeConfig, mode))));

    [Fact]
    public void Validate_NoTopic_NamesTheKey()
    {
        var config = Config();
        config.Remove(HttpSourceConfig.TopicNamePatternConfig);

        Assert.Equal([HttpSourceConfig.TopicNamePatternConfig], ErrorKeys(config));
    }
}
