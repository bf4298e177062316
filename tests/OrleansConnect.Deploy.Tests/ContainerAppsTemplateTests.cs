using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansConnect.Grains;

namespace OrleansConnect.Deploy.Tests;

/// <summary>deploy/containerapps/main.bicep and its parameters example, checked without az or bicep.</summary>
public sealed partial class ContainerAppsTemplateTests
{
    private static readonly string Template = File.ReadAllText(Repository.File("deploy", "containerapps", "main.bicep"));

    [Fact]
    public void ParametersExample_NamesDeclaredParameters_AndEveryRequiredOne()
    {
        using var example = JsonDocument.Parse(File.ReadAllText(Repository.File("deploy", "containerapps", "main.parameters.example.json")));
        var given = example.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var declared = Parameter().Matches(Template).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["default"].Success, StringComparer.Ordinal);

        var unknown = given.Where(p => !declared.ContainsKey(p)).ToList();
        var missing = declared.Where(p => !p.Value && !given.Contains(p.Key)).Select(p => p.Key).ToList();

        Assert.True(unknown.Count == 0, $"The example names parameters main.bicep lacks: {string.Join(", ", unknown)}");
        Assert.True(missing.Count == 0, $"The example lacks required parameters: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Ports_MatchTheSiloDefaults()
    {
        Assert.Contains($"var restPort = {Repository.DefaultUrlPort("silo/OrleansConnect.Silo/SiloDefaults.cs")}", Template, StringComparison.Ordinal);
        Assert.Contains($"var siloPort = {ClusterDefaults.SiloPort}", Template, StringComparison.Ordinal);
        Assert.Contains($"var gatewayPort = {ClusterDefaults.GatewayPort}", Template, StringComparison.Ordinal);
        Assert.Contains($"param clusterId string = '{ClusterDefaults.ClusterId}'", Template, StringComparison.Ordinal);
        Assert.Contains($"param serviceId string = '{ClusterDefaults.ServiceId}'", Template, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_NeverPlainEnvironmentValues()
    {
        Assert.Contains("{ name: 'ConnectionStrings__PostgreSQL', secretRef: 'postgres-connection-string' }", Template, StringComparison.Ordinal);
        Assert.Contains("{ name: 'Kafka__Client__sasl.password', secretRef: 'kafka-sasl-password' }", Template, StringComparison.Ordinal);
        Assert.Matches(@"@secure\(\)\s+param postgresAdminPassword", Template);
        Assert.Matches(@"@secure\(\)\s+param kafkaSaslPassword", Template);
    }

    [GeneratedRegex(@"^param (?<name>\w+) \w+(?<default> = .*)?$", RegexOptions.Multiline)]
    private static partial Regex Parameter();
}
