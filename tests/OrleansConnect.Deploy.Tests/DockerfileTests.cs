using OrleansConnect.Grains;

namespace OrleansConnect.Deploy.Tests;

/// <summary>
/// silo/OrleansConnect.Silo/Dockerfile and api/OrleansConnect.Api.Host/Dockerfile, checked without a Docker engine:
/// their build commands publish, their entry points and settings match the code, and the published hosts run with
/// the images' environment.
/// </summary>
public sealed class DockerfileTests(PublishedImages images) : IClassFixture<PublishedImages>
{
    public static TheoryData<string, string> Images => new()
    {
        { "silo/OrleansConnect.Silo/Dockerfile", "silo/OrleansConnect.Silo/OrleansConnect.Silo.csproj" },
        { "api/OrleansConnect.Api.Host/Dockerfile", "api/OrleansConnect.Api.Host/OrleansConnect.Api.Host.csproj" },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void Copy_BeforeRestore_ListsEveryProjectTheHostReferences(string dockerfile, string project)
    {
        var copied = Dockerfile.Load(Repository.File(dockerfile)).CopiedFromContext.ToHashSet(StringComparer.Ordinal);

        var missing = Repository.ProjectClosure(project).Where(p => !copied.Contains(p)).ToList();

        Assert.True(missing.Count == 0, $"{dockerfile} restores before copying the sources but does not copy {string.Join(", ", missing)}");
        Assert.Contains("Directory.Packages.props", copied);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Entrypoint_PublishedHost_AssemblyExists(string dockerfile, string project)
    {
        var entrypoint = Dockerfile.Load(Repository.File(dockerfile)).Entrypoint;
        var folder = project.Contains("Silo", StringComparison.Ordinal) ? images.Silo : images.ApiHost;

        Assert.Equal("dotnet", entrypoint[0]);
        Assert.Equal(Path.GetFileNameWithoutExtension(project) + ".dll", entrypoint[1]);
        Assert.True(File.Exists(Path.Combine(folder, entrypoint[1])), $"{entrypoint[1]} is not in the publish output {folder}");
        Assert.True(File.Exists(Path.Combine(folder, Path.ChangeExtension(entrypoint[1], ".runtimeconfig.json"))));
    }

    [Fact]
    public void SiloImage_PortsAndEnvironment_MatchTheSiloDefaults()
    {
        var silo = Dockerfile.Load(Repository.SiloDockerfile);
        var environment = silo.Environment;
        var restPort = Repository.DefaultUrlPort("silo/OrleansConnect.Silo/SiloDefaults.cs");

        Assert.Equal("http://+:" + restPort, environment["ASPNETCORE_URLS"]);
        Assert.Equal(string.Empty, environment["ASPNETCORE_HTTP_PORTS"]);
        Assert.Equal(ClusterDefaults.SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture), environment["Orleans__SiloPort"]);
        Assert.Equal(ClusterDefaults.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture), environment["Orleans__GatewayPort"]);
        Assert.Equal("/plugins", environment["OrleansConnect__PluginPath"]);
        // The root filesystem is read-only: a standalone silo keeps its state on the /tmp tmpfs unless a volume is mounted.
        Assert.StartsWith("/tmp/", environment["OrleansConnect__StateDirectory"], StringComparison.Ordinal);
        Assert.Equal([restPort, ClusterDefaults.SiloPort, ClusterDefaults.GatewayPort], silo.ExposedPorts);
        Assert.Contains(silo.FinalStage, i => i.Instruction == "VOLUME" && i.Arguments.Contains("\"/plugins\"", StringComparison.Ordinal));
        Assert.Contains($"/dev/tcp/127.0.0.1/{restPort}", silo.HealthCheck[^1], StringComparison.Ordinal);
        Assert.Equal("$APP_UID", silo.FinalStage.Single(i => i.Instruction == "USER").Arguments);
    }

    [Fact]
    public void ApiHostImage_PortsAndEnvironment_MatchTheApiHostDefaults()
    {
        var api = Dockerfile.Load(Repository.ApiHostDockerfile);
        var restPort = Repository.DefaultUrlPort("api/OrleansConnect.Api.Host/Program.cs");

        Assert.Equal("http://+:" + restPort, api.Environment["ASPNETCORE_URLS"]);
        Assert.Equal([restPort], api.ExposedPorts);
        Assert.Contains($"/dev/tcp/127.0.0.1/{restPort}", api.HealthCheck[^1], StringComparison.Ordinal);
        Assert.Equal("$APP_UID", api.FinalStage.Single(i => i.Instruction == "USER").Arguments);
    }

    [Fact]
    public async Task PublishedHosts_WithTheImagesEnvironment_AnswerHealthAndWriteNothingOutsideTmp()
    {
        var siloImage = Dockerfile.Load(Repository.SiloDockerfile);
        var apiImage = Dockerfile.Load(Repository.ApiHostDockerfile);
        var siloFiles = Files(images.Silo);
        var plugins = Directory.CreateTempSubdirectory("oc-plugins-").FullName;
        var state = Path.Combine(Directory.CreateTempSubdirectory("oc-state-").FullName, "state");
        var (restPort, gatewayPort, apiPort) = (HostProcess.FreePort(), HostProcess.FreePort(), HostProcess.FreePort());

        // The images' settings, with free ports instead of the fixed ones and an empty folder for the /plugins volume.
        await using (var silo = await HostProcess.StartAsync(images.Silo, siloImage, new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = siloImage.Environment["ASPNETCORE_URLS"].Replace("8083", restPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
            ["Orleans__SiloPort"] = HostProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OrleansConnect__PluginPath"] = plugins,
            ["OrleansConnect__StateDirectory"] = state,
        }))
        {
            await silo.WaitForOkAsync(restPort, "/health/live", TimeSpan.FromSeconds(60));
            await silo.WaitForOkAsync(restPort, "/health/ready", TimeSpan.FromSeconds(60));
            await AssertHealthCheckPassesAsync(siloImage, 8083, restPort, silo.Output);

            // The API image on the silo's gateway (without PostgreSQL it looks for one on localhost).
            await using (var api = await HostProcess.StartAsync(images.ApiHost, apiImage, new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = $"http://+:{apiPort}",
                ["Orleans__GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }))
            {
                await api.WaitForOkAsync(apiPort, "/health/live", TimeSpan.FromSeconds(60));
                await api.WaitForOkAsync(apiPort, "/connectors", TimeSpan.FromSeconds(30));
                await AssertHealthCheckPassesAsync(apiImage, 8084, apiPort, api.Output);
                await api.StopAsync();
                Assert.Empty(Directory.EnumerateFileSystemEntries(api.Home));
            }

            await silo.StopAsync();

            // The base image's ASPNETCORE_HTTP_PORTS is overridden without Kestrel's warning; the plugin folder is found.
            Assert.DoesNotContain("Overriding HTTP_PORTS", silo.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("does not exist", silo.Output, StringComparison.Ordinal);

            // Read-only root filesystem: nothing written to the home folder or beside the binaries.
            Assert.Empty(Directory.EnumerateFileSystemEntries(silo.Home));
            Assert.Equal(siloFiles, Files(images.Silo));
            Assert.True(File.Exists(Path.Combine(state, ".lock")), $"The silo kept no state in {state}:\n{silo.Output}");
        }

        Directory.Delete(plugins);
        Directory.Delete(Path.GetDirectoryName(state)!, recursive: true);
    }

    /// <summary>Runs the image's HEALTHCHECK command against the host, on the host's port instead of the image's.</summary>
    private static async Task AssertHealthCheckPassesAsync(Dockerfile image, int imagePort, int port, string hostOutput)
    {
        var command = image.HealthCheck;
        var result = await Command.RunAsync(
            command[0], command.Skip(1).Select(a => a.Replace($"/{imagePort}", $"/{port}", StringComparison.Ordinal)), timeout: TimeSpan.FromSeconds(10));
        Assert.True(result.ExitCode == 0, $"HEALTHCHECK of {image.Path}: {result.Describe()}\n{hostOutput}");
    }

    private static string[] Files(string folder) =>
        [.. Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
}
