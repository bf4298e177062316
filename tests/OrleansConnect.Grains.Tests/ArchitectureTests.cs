using System.Xml.Linq;

namespace OrleansConnect.Grains.Tests;

/// <summary>The project boundaries of STYLE.md, read from the project files so the picture stays true.</summary>
public sealed class ArchitectureTests
{
    private static readonly string Root = RepositoryRoot.Path;

    public static TheoryData<string, string[], string[]> Boundaries => new()
    {
        // project, the only projects it may reference, packages it must not reference
        { "grains/plugins/OrleansConnect.Plugins.Abstractions", [], ["Microsoft.Orleans", "Confluent.Kafka"] },
        { "grains/plugins/OrleansConnect.Plugins.Converters", ["OrleansConnect.Plugins.Abstractions"], ["Microsoft.Orleans", "Confluent.Kafka"] },
        { "grains/plugins/OrleansConnect.Plugins.File", ["OrleansConnect.Plugins.Abstractions"], ["Microsoft.Orleans", "Confluent.Kafka"] },
        { "grains/plugins/OrleansConnect.Plugins.Datagen", ["OrleansConnect.Plugins.Abstractions"], ["Microsoft.Orleans", "Confluent.Kafka"] },
        { "grains/plugins/OrleansConnect.Plugins.Transforms", ["OrleansConnect.Plugins.Abstractions"], ["Microsoft.Orleans", "Confluent.Kafka"] },
        { "grains/plugins/OrleansConnect.Plugins.Jdbc", ["OrleansConnect.Plugins.Abstractions"], ["Microsoft.Orleans", "Confluent.Kafka"] },
        { "grains/plugins/OrleansConnect.Plugins.Mirror", ["OrleansConnect.Plugins.Abstractions"], ["Microsoft.Orleans"] },
        { "grains/plugins/OrleansConnect.Plugins.Mqtt", ["OrleansConnect.Plugins.Abstractions"], ["Microsoft.Orleans", "Confluent.Kafka"] },
        { "grains/plugins/OrleansConnect.Plugins.RabbitMQ", ["OrleansConnect.Plugins.Abstractions"], ["Microsoft.Orleans", "Confluent.Kafka"] },
        { "grains/plugins/OrleansConnect.Plugins.Http", ["OrleansConnect.Plugins.Abstractions"], ["Microsoft.Orleans", "Confluent.Kafka"] },
        // JsonFormat writes values with the JsonConverter, as Confluent's does.
        { "grains/plugins/OrleansConnect.Plugins.ObjectStorage", ["OrleansConnect.Plugins.Abstractions", "OrleansConnect.Plugins.Converters"], ["Microsoft.Orleans", "Confluent.Kafka"] },
        { "grains/OrleansConnect.Grains.Abstractions", [], ["Microsoft.Orleans.Server", "Microsoft.Orleans.Runtime", "Confluent.Kafka"] },
        { "api/OrleansConnect.Api", ["OrleansConnect.Grains.Abstractions"], ["Microsoft.Orleans.Server", "Confluent.Kafka"] },
        { "api/OrleansConnect.Api.Host", ["OrleansConnect.Api"], ["Microsoft.Orleans.Server", "Confluent.Kafka"] },
    };

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void Project_References_StayInsideItsBoundary(string project, string[] allowedProjects, string[] forbiddenPackages)
    {
        var file = Path.Combine(Root, project, Path.GetFileName(project) + ".csproj");
        var xml = XDocument.Load(file);
        var projects = xml.Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();
        var packages = xml.Descendants("PackageReference").Select(r => r.Attribute("Include")!.Value).ToList();

        Assert.All(projects, p => Assert.Contains(p, allowedProjects));
        Assert.All(packages, p => Assert.DoesNotContain(forbiddenPackages, f => p.StartsWith(f, StringComparison.Ordinal)));
    }

    /// <summary>
    /// The runtime, and MirrorMaker 2, whose external system is Kafka itself (Kafka's connect-mirror depends on
    /// kafka-clients the same way); every other plugin reaches Kafka only through the runtime.
    /// </summary>
    [Fact]
    public void ConfluentKafka_IsReferencedOnlyByTheRuntime()
    {
        var referencing = Directory.EnumerateFiles(Root, "*.csproj", SearchOption.AllDirectories)
            .Where(f => XDocument.Load(f).Descendants("PackageReference").Any(r => r.Attribute("Include")?.Value == "Confluent.Kafka"))
            .Select(Path.GetFileNameWithoutExtension)
            .ToList();

        Assert.Equal(["OrleansConnect.Grains", "OrleansConnect.Plugins.Mirror"], referencing.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Test support is a library (tests/OrleansConnect.TestSupport) that projects reference: no project under tests/
    /// compiles a file it links from elsewhere, and tests/Directory.Build.props links none into every project.
    /// </summary>
    [Fact]
    public void TestProjects_CompileItems_NoneLinkedFromAnotherProject()
    {
        var separator = Path.DirectorySeparatorChar;
        var linked = Directory.EnumerateFiles(Path.Combine(Root, "tests"), "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".csproj", StringComparison.Ordinal) || f.EndsWith(".props", StringComparison.Ordinal) || f.EndsWith(".targets", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{separator}obj{separator}", StringComparison.Ordinal) && !f.Contains($"{separator}bin{separator}", StringComparison.Ordinal))
            .SelectMany(f => XDocument.Load(f).Descendants("Compile")
                .Select(c => c.Attribute("Include")?.Value)
                .OfType<string>()
                .Select(include => $"{Path.GetRelativePath(Root, f)}: {include}"))
            .ToList();

        Assert.Empty(linked);
    }
}
