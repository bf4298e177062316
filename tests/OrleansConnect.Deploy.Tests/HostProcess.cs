using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OrleansConnect.Deploy.Tests;

/// <summary>
/// A published host started the way its image starts it: the ENTRYPOINT from the publish folder, with only the base
/// image's and the Dockerfile's environment (plus overrides), an empty home and temporary folder.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    /// <summary>What mcr.microsoft.com/dotnet/aspnet sets before the Dockerfile's own ENV.</summary>
    private static readonly Dictionary<string, string> BaseImageEnvironment = new(StringComparer.Ordinal)
    {
        ["ASPNETCORE_HTTP_PORTS"] = "8080",
        ["DOTNET_RUNNING_IN_CONTAINER"] = "true",
        ["APP_UID"] = "1654",
    };

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process, string home, string temp)
    {
        _process = process;
        Home = home;
        Temp = temp;
    }

    public string Home { get; }

    public string Temp { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static HostProcess Start(string publishFolder, Dockerfile dockerfile, IReadOnlyDictionary<string, string> overrides)
    {
        var home = Directory.CreateTempSubdirectory("oc-home-").FullName;
        var temp = Directory.CreateTempSubdirectory("oc-tmp-").FullName;
        var entrypoint = dockerfile.Entrypoint;
        var start = new ProcessStartInfo(entrypoint[0])
        {
            WorkingDirectory = publishFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
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

        start.Environment["HOME"] = home;
        start.Environment["TMPDIR"] = temp;
        foreach (var (key, value) in BaseImageEnvironment.Concat(dockerfile.Environment).Concat(overrides))
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        var host = new HostProcess(process, home, temp);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until <paramref name="path"/> answers 200 on <paramref name="port"/>.</summary>
    public async Task WaitForOkAsync(int port, string path, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Assert.False(_process.HasExited, $"The host exited with {(_process.HasExited ? _process.ExitCode : 0)}:\n{Output}");
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

    /// <summary>Stops the host with SIGTERM, as <c>docker stop</c> does, and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(Home, recursive: true);
        Directory.Delete(Temp, recursive: true);
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
