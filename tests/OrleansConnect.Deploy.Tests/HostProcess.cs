using System.Diagnostics;
using System.Net;

namespace OrleansConnect.Deploy.Tests;

/// <summary>
/// A published host started the way its image starts it: the ENTRYPOINT from the publish folder, with only the base
/// image's and the Dockerfile's environment (plus overrides), an empty home and temporary folder.
/// </summary>
internal sealed class HostProcess : ServerProcess
{
    /// <summary>What mcr.microsoft.com/dotnet/aspnet sets before the Dockerfile's own ENV.</summary>
    private static readonly Dictionary<string, string> BaseImageEnvironment = new(StringComparer.Ordinal)
    {
        ["ASPNETCORE_HTTP_PORTS"] = "8080",
        ["DOTNET_RUNNING_IN_CONTAINER"] = "true",
        ["APP_UID"] = "1654",
    };

    private readonly string _publishFolder;
    private readonly Dockerfile _dockerfile;
    private readonly IReadOnlyDictionary<string, string> _overrides;

    private HostProcess(string publishFolder, Dockerfile dockerfile, IReadOnlyDictionary<string, string> overrides)
        : base($"the host of {dockerfile.Path}")
    {
        _publishFolder = publishFolder;
        _dockerfile = dockerfile;
        _overrides = overrides;
    }

    public string Home => Path.Combine(TempDirectory, "home");

    public string Temp => Path.Combine(TempDirectory, "tmp");

    /// <summary>Starts the host; <see cref="WaitForOkAsync"/> then says when it answers.</summary>
    public static async Task<HostProcess> StartAsync(string publishFolder, Dockerfile dockerfile, IReadOnlyDictionary<string, string> overrides)
    {
        var host = new HostProcess(publishFolder, dockerfile, overrides);
        Directory.CreateDirectory(host.Home);
        Directory.CreateDirectory(host.Temp);
        await host.StartProcessAsync();
        return host;
    }

    /// <summary>Waits until <paramref name="path"/> answers 200 on <paramref name="port"/>.</summary>
    public async Task WaitForOkAsync(int port, string path, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Assert.True(ExitCode is null, $"The host exited with {ExitCode}:\n{Output}");
            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}{path}"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.True(DateTime.UtcNow < deadline, $"{path} on port {port} did not answer 200 within {timeout}:\n{Output}");
            await Task.Delay(250);
        }
    }

    protected override ProcessStartInfo CreateStartInfo()
    {
        var entrypoint = _dockerfile.Entrypoint;
        var start = new ProcessStartInfo(entrypoint[0]) { WorkingDirectory = _publishFolder };
        foreach (var argument in entrypoint.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        // Nothing of this machine's environment but what finds dotnet.
        var path = start.Environment["PATH"];
        var dotnetRoot = start.Environment.TryGetValue("DOTNET_ROOT", out var root) ? root : null;
        start.Environment.Clear();
        start.Environment["PATH"] = path;
        if (dotnetRoot is not null)
        {
            start.Environment["DOTNET_ROOT"] = dotnetRoot;
        }

        start.Environment["HOME"] = Home;
        start.Environment["TMPDIR"] = Temp;
        foreach (var (key, value) in BaseImageEnvironment.Concat(_dockerfile.Environment).Concat(_overrides))
        {
            start.Environment[key] = value;
        }

        return start;
    }

    /// <summary>Started is all: the tests wait for the endpoints they check with <see cref="WaitForOkAsync"/>.</summary>
    protected override Task<bool> IsReadyAsync() => Task.FromResult(true);
}
