using OrleansConnect.Grains.Runtime;
using OrleansConnect.Grains.Tests.Plugins;

namespace OrleansConnect.Grains.Tests.Runtime;

public sealed class ConnectorValidatorTests
{
    private readonly ConnectorValidator _validator = new(PluginRegistryTests.Registry);

    [Fact]
    public void Validate_FileSourceQuickstart_HasNoErrors()
    {
        var result = _validator.Validate(new Dictionary<string, string>
        {
            ["name"] = "local-file-source",
            ["connector.class"] = "org.apache.kafka.connect.file.FileStreamSourceConnector",
            ["tasks.max"] = "1",
            ["file"] = "/tmp/in.txt",
            ["topic"] = "connect-test",
            ["value.converter"] = "org.apache.kafka.connect.storage.StringConverter",
        });

        Assert.Empty(result.Errors);
        Assert.NotNull(result.Connector);
    }

    [Fact]
    public void Validate_MissingConnectorClass_NamesTheKey()
    {
        var result = _validator.Validate(new Dictionary<string, string> { ["name"] = "x" });

        var error = Assert.Single(result.Errors);
        Assert.Equal("connector.class", error.Key);
    }

    [Fact]
    public void Validate_TasksMaxNotANumber_NamesTheKey()
    {
        var result = _validator.Validate(SinkConfig(("tasks.max", "x")));

        var error = Assert.Single(result.Errors);
        Assert.Equal("tasks.max", error.Key);
        Assert.Contains("Invalid value x for configuration tasks.max", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SinkWithTopicsAndRegex_ReportsBoth()
    {
        var result = _validator.Validate(SinkConfig(("topics.regex", "a.*")));

        Assert.Equal(["topics", "topics.regex"], result.Errors.Select(e => e.Key));
    }

    [Fact]
    public void Validate_UnknownConverter_NamesTheConverterKey()
    {
        var result = _validator.Validate(SinkConfig(("value.converter", "com.example.Nope")));

        Assert.Equal("value.converter", Assert.Single(result.Errors).Key);
    }

    [Fact]
    public void Validate_TransformWithoutType_NamesTheTypeKey()
    {
        var result = _validator.Validate(SinkConfig(("transforms", "a")));

        Assert.Equal("transforms.a.type", Assert.Single(result.Errors).Key);
    }

    [Fact]
    public void Validate_TransformMissingItsOwnKey_NamesThePrefixedKey()
    {
        var result = _validator.Validate(SinkConfig(("transforms", "a"), ("transforms.a.type", "AppendSuffix")));

        Assert.Equal("transforms.a.suffix", Assert.Single(result.Errors).Key);
    }

    [Fact]
    public void Validate_NegateWithoutPredicate_IsAnError()
    {
        var result = _validator.Validate(SinkConfig(("transforms", "a"), ("transforms.a.type", "AppendSuffix"), ("transforms.a.suffix", "!"), ("transforms.a.negate", "true")));

        Assert.Equal("transforms.a.negate", Assert.Single(result.Errors).Key);
    }

    [Fact]
    public void Describe_Errors_UsesKafkasMessage()
    {
        var result = _validator.Validate(SinkConfig(("tasks.max", "x")));

        Assert.StartsWith("Connector configuration is invalid and contains the following 1 error(s):\n", result.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TransformKeys_AreInTheInfosPrefixedAndGroupedByAlias()
    {
        var result = _validator.Validate(SinkConfig(("transforms", "a"), ("transforms.a.type", "AppendSuffix")));

        var configs = result.Infos.Configs.ToDictionary(c => c.Definition.Name);
        var suffix = configs["transforms.a.suffix"];
        Assert.Equal("Transforms: a", suffix.Definition.Group);
        Assert.True(suffix.Definition.Required);
        Assert.Contains("\"transforms.a.suffix\"", Assert.Single(suffix.Value.Errors), StringComparison.Ordinal);
        Assert.Equal("AppendSuffix", configs["transforms.a.type"].Value.Value);
        Assert.Equal("false", configs["transforms.a.negate"].Definition.DefaultValue);
        Assert.Equal(result.Errors.Count, result.Infos.ErrorCount);
        Assert.Contains("Transforms: a", result.Infos.Groups);
    }

    [Theory]
    [InlineData("transforms.a.type", "transforms", "a")]
    [InlineData("transforms.a.suffix", "transforms", "a", "transforms.a.type", "AppendSuffix")]
    [InlineData("transforms.a.predicate", "transforms", "a", "transforms.a.type", "AppendSuffix", "transforms.a.suffix", "!", "transforms.a.predicate", "p")]
    public void ValidatePlugins_ChainKeysOnly_NamesTheKeyAtFault(string key, params string[] pairs)
    {
        var config = pairs.Chunk(2).ToDictionary(p => p[0], p => p[1]);

        var errors = _validator.ValidatePlugins(config);

        Assert.Equal(key, Assert.Single(errors).Key);
    }

    [Fact]
    public void ValidatePlugins_ValidChainWithoutConnectorKeys_HasNoErrors()
    {
        var errors = _validator.ValidatePlugins(new Dictionary<string, string>
        {
            ["transforms"] = "a",
            ["transforms.a.type"] = "AppendSuffix",
            ["transforms.a.suffix"] = "!",
        });

        Assert.Empty(errors);
    }

    private static Dictionary<string, string> SinkConfig(params (string Key, string Value)[] extra)
    {
        var config = new Dictionary<string, string>
        {
            ["name"] = "sink",
            ["connector.class"] = "RecordingSink",
            ["topics"] = "t",
            ["recording.id"] = "r",
        };
        foreach (var (key, value) in extra)
        {
            config[key] = value;
        }

        return config;
    }
}
