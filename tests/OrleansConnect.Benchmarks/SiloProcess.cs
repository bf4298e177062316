using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace OrleansConnect.Benchmarks;

/// <summary>
/// The built silo started as its own process, as a user runs it, on free ports (a trimmed copy of the integration
/// tests' SiloProcess). Its console output is kept only for error messages.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 200;
    private readonly Queue<string> _output = new();
    private readonly Process _process;

    private SiloProcess(Process process, HttpClient http)
    {
        _process = process;
        Http = http;
    }

    public HttpClient Http { get; }

    public int Pid => _process.Id;

    /// <summary>From process start to <c>/health/ready</c> answering 200.</summary>
    public TimeSpan StartToReady { get; private set; }

    /// <summary>The silo's identity in task statuses (<c>worker_id</c> of <c>GET /</c>).</summary>
    public string WorkerId { get; private set; } = string.Empty;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>Starts a silo with these settings (and environment variables) and waits until it is ready.</summary>
    public static async Task<SiloProcess> StartAsync(string[] settings, IReadOnlyDictionary<string, string>? environment = null)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "OrleansConnect.Silo.dll"), "--urls", url,
            $"--Orleans:SiloPort={FreePort()}", $"--Orleans:GatewayPort={FreePort()}",

            // Standalone silos of a run forget their connectors at exit, so runs do not see each other's.
            "--OrleansConnect:StateStore=Memory",
        }.Concat(settings))
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the silo");
        var silo = new SiloProcess(process, new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1000 })
        {
            BaseAddress = new Uri(url),
            Timeout = TimeSpan.FromSeconds(60),
        });
        process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await silo.WaitUntilReadyAsync();
        silo.StartToReady = clock.Elapsed;
        using var root = JsonDocument.Parse(await silo.Http.GetStringAsync(new Uri("/", UriKind.Relative)));
        silo.WorkerId = root.RootElement.GetProperty("worker_id").GetString()!;
        return silo;
    }

    /// <summary>SIGKILL, as <c>kill -9</c>: no shutdown code runs.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit(10_000);
    }

    public double ResidentMegabytes() => Measure.ResidentMegabytes(_process.Id);

    public ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The silo exited with code {_process.ExitCode.ToString(CultureInfo.InvariantCulture)} before it was ready:\n{Output}");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"The silo was not ready within 120 s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > KeptOutputLines)
            {
                _output.Dequeue();
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
