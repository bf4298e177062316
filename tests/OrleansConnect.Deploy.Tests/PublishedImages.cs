using System.Runtime.InteropServices;

namespace OrleansConnect.Deploy.Tests;

/// <summary>
/// The silo and the API host published by the very <c>dotnet restore</c> and <c>dotnet publish</c> commands of their
/// Dockerfiles (the image's <c>/app</c>), into a temporary folder. Intermediate files go to a temporary artifacts
/// folder too, so the repository's own bin/ and obj/ are untouched.
/// </summary>
public sealed class PublishedImages : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("oc-deploy-").FullName;

    public string Silo => Path.Combine(_root, "silo");

    public string ApiHost => Path.Combine(_root, "api");

    public async ValueTask InitializeAsync()
    {
        await PublishAsync(Repository.SiloDockerfile, Silo);
        await PublishAsync(Repository.ApiHostDockerfile, ApiHost);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return ValueTask.CompletedTask;
    }

    private async Task PublishAsync(string dockerfile, string output)
    {
        // docker build passes the platform's architecture (amd64, arm64) as TARGETARCH.
        var architecture = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "amd64";
        foreach (var command in Dockerfile.Load(dockerfile).DotnetCommands)
        {
            var arguments = command.Skip(1)
                .Select(a => a.Replace("$TARGETARCH", architecture, StringComparison.Ordinal))
                .Select(a => a == "/app" ? output : a)
                .Concat(["-p:UseArtifactsOutput=true", $"-p:ArtifactsPath={Path.Combine(_root, "artifacts")}"]);
            await RunAsync(arguments);
        }
    }

    private static async Task RunAsync(IEnumerable<string> arguments) =>
        (await Command.RunAsync("dotnet", arguments, workingDirectory: RepositoryRoot.Path, timeout: TimeSpan.FromMinutes(15))).EnsureSuccess();
}
