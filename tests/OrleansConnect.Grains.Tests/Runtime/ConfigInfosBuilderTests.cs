using OrleansConnect.Grains.Runtime;
using OrleansConnect.Plugins.Config;

namespace OrleansConnect.Grains.Tests.Runtime;

public sealed class ConfigInfosBuilderTests
{
    private static readonly ConfigDef Definition = new ConfigDef()
        .Define("secret", ConfigType.Password, "default-secret", null, Importance.High, "A secret.", "Auth", 1, Width.Medium, "Secret")
        .Define("count", ConfigType.Int, 5, Validators.AtLeast(1), Importance.Low, "A count.")
        .Define("fields", ConfigType.List, ConfigDef.NoDefaultValue, Importance.Medium, "Fields.");

    [Fact]
    public void Build_Values_AreConfigStringsWithPasswordsHidden()
    {
        var config = new Dictionary<string, string> { ["p.secret"] = "hunter2", ["p.fields"] = "a, b" };
        var builder = new ConfigInfosBuilder(config);
        builder.Define(Definition, "p.", "Plugin: p");
        builder.AddValues("p.", Definition.Validate(ConfigDefSettings(config)));

        var infos = builder.Build("X");

        var byName = infos.Configs.ToDictionary(c => c.Definition.Name);
        Assert.Equal("[hidden]", byName["p.secret"].Value.Value);
        Assert.Equal("[hidden]", byName["p.secret"].Definition.DefaultValue);
        Assert.Equal("5", byName["p.count"].Value.Value);
        Assert.Equal("a,b", byName["p.fields"].Value.Value);
        Assert.Equal([1, 2, 3], infos.Configs.Select(c => c.Definition.OrderInGroup));
        Assert.All(infos.Configs, c => Assert.Equal("Plugin: p", c.Definition.Group));
        Assert.Equal("count", byName["p.count"].Definition.DisplayName);
        Assert.Equal(0, infos.ErrorCount);
        Assert.Equal(["Plugin: p"], infos.Groups);
    }

    [Fact]
    public void Build_InvalidAndMissingValues_CountEveryErrorAndNameThePrefixedKey()
    {
        var config = new Dictionary<string, string> { ["p.count"] = "0" };
        var builder = new ConfigInfosBuilder(config);
        builder.Define(Definition, "p.");
        builder.AddValues("p.", Definition.Validate(ConfigDefSettings(config)));
        builder.AddError("p.other", "Not a key of any ConfigDef");

        var infos = builder.Build("X");

        var byName = infos.Configs.ToDictionary(c => c.Definition.Name);
        Assert.Equal(3, infos.ErrorCount);
        Assert.Equal("0", byName["p.count"].Value.Value);
        Assert.Contains("configuration p.count", Assert.Single(byName["p.count"].Value.Errors), StringComparison.Ordinal);
        Assert.Equal("Missing required configuration \"p.fields\" which has no default value.", Assert.Single(byName["p.fields"].Value.Errors));
        Assert.Equal("STRING", byName["p.other"].Definition.Type);
        Assert.Equal("Auth", byName["p.secret"].Definition.Group);
    }

    private static Dictionary<string, string> ConfigDefSettings(Dictionary<string, string> config) =>
        config.ToDictionary(p => p.Key["p.".Length..], p => p.Value);
}
