using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Http.Sink;

namespace OrleansConnect.Plugins.Http.Tests;

public sealed class HttpSinkConnectorTests
{
    private static Dictionary<string, string> Config(params (string Key, string Value)[] settings)
    {
        var config = new Dictionary<string, string> { [HttpSinkConfig.HttpApiUrlConfig] = "http://127.0.0.1:1/api/${topic}" };
        foreach (var (key, value) in settings)
        {
            config[key] = value;
        }

        return config;
    }

    private static Dictionary<string, IReadOnlyList<string>> Errors(Dictionary<string, string> config) =>
        new HttpSinkConnector().Validate(config).Where(v => v.ErrorMessages.Count > 0).ToDictionary(v => v.Name, v => (IReadOnlyList<string>)[.. v.ErrorMessages]);

    [Fact]
    public void Validate_ConfluentDefaults_HasNoErrors()
    {
        Assert.Empty(Errors(Config()));
        var config = new HttpSinkConfig(Config());
        Assert.Equal(HttpMethod.Post, config.Method);
        Assert.Equal(1, config.GetInt(HttpSinkConfig.BatchMaxSizeConfig));
        Assert.Equal(10, config.GetInt(HttpSinkConfig.MaxRetriesConfig));
        Assert.Equal(3000, config.GetInt(HttpSinkConfig.RetryBackoffMsConfig));
        Assert.True(config.RetryOnStatusCodes.Contains(400));
        Assert.Equal(HttpSinkConfig.BehaviorFail, config.BehaviorOnError);
        Assert.Equal(HttpSinkConfig.FormatString, config.BodyFormat);
    }

    [Fact]
    public void Validate_NoUrl_NamesTheKey()
    {
        var config = Config();
        config.Remove(HttpSinkConfig.HttpApiUrlConfig);

        Assert.Contains("http.api.url", Assert.Single(Errors(config)[HttpSinkConfig.HttpApiUrlConfig]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpSinkConfig.HttpApiUrlConfig, "ftp://host/x")]
    [InlineData(HttpSinkConfig.HttpApiUrlConfig, "/relative")]
    [InlineData(HttpSinkConfig.RequestMethodConfig, "GET")]
    [InlineData(HttpSinkConfig.AuthTypeConfig, "PROXY")]
    [InlineData(HttpSinkConfig.RetryOnStatusCodesConfig, "abc")]
    [InlineData(HttpSinkConfig.RetryOnStatusCodesConfig, "500-400")]
    [InlineData(HttpSinkConfig.RetryOnStatusCodesConfig, "700")]
    [InlineData(HttpSinkConfig.BatchMaxSizeConfig, "0")]
    [InlineData(HttpSinkConfig.BehaviorOnErrorConfig, "retry")]
    [InlineData(HttpSinkConfig.HeadersConfig, "Content-Type:application/json|broken")]
    public void Validate_BadValue_NamesTheKey(string key, string value)
    {
        var errors = Errors(Config((key, value)));

        Assert.Equal([key], errors.Keys);
        Assert.Throws<ConfigException>(() => new HttpSinkConfig(Config((key, value))));
    }

    [Fact]
    public void Validate_BasicWithoutUser_NamesConnectionUser()
    {
        var errors = Errors(Config((HttpSinkConfig.AuthTypeConfig, "BASIC")));

        Assert.Equal([HttpSinkConfig.ConnectionUserConfig], errors.Keys);
    }

    [Fact]
    public void Validate_OAuth2WithoutItsKeys_NamesEachMissingKey()
    {
        var errors = Errors(Config((HttpSinkConfig.AuthTypeConfig, "oauth2"), (HttpSinkConfig.OAuth2ClientIdConfig, "id")));

        var error = Assert.Throws<ConfigException>(() => new HttpSinkConfig(Config((HttpSinkConfig.AuthTypeConfig, "oauth2"))));
        Assert.Equal(HttpSinkConfig.OAuth2TokenUrlConfig, error.Name);
        Assert.Equal([HttpSinkConfig.OAuth2ClientSecretConfig, HttpSinkConfig.OAuth2TokenUrlConfig], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TaskConfigs_MaxTasks_GivesEveryTaskTheConnectorConfig()
    {
        var connector = new HttpSinkConnector();
        var config = Config();
        await connector.StartAsync(config, CancellationToken.None);

        var tasks = connector.TaskConfigs(3);

        Assert.Equal(3, tasks.Count);
        Assert.All(tasks, t => Assert.Equal(config, t));
    }
}
