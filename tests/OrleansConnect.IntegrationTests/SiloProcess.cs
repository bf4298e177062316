using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OrleansConnect.IntegrationTests;

/// <summary>
/// The silo as a user runs it: the built OrleansConnect.Silo started as its own process on its embedded defaults
/// (embedded Kafka, localhost clustering, in-memory storage), on free ports, reached over real HTTP.
/// </summary>
public sealed class SiloProcess : IAsyncLifetime
{
    private readonly StringBuilder _output = new();
    private readonly string[] _extraArguments;
    private readonly string _assembly = "OrleansConnect.Silo.dll";

    // Each silo keeps its standalone state in a directory of its own, removed with it; a test that restarts a silo on
    // the same state passes --OrleansConnect:StateDirectory itself (the later argument wins).
    private readonly string _stateDirectory = Path.Combine(Path.GetTempPath(), $"oc-silo-state-{Guid.NewGuid():N}");
    private string[] _command = [];
    private Process? _process;

    public SiloProcess()
        : this([])
    {
    }

    /// <summary>A silo with extra command-line settings, for tests that start their own.</summary>
    internal SiloProcess(params string[] extraArguments) => _extraArguments = extraArguments;

    private SiloProcess(string assembly, string[] arguments)
        : this(arguments) => _assembly = assembly;

    /// <summary>A silo started with a command first, e.g. <c>connect-standalone worker.properties c.properties</c>.</summary>
    internal static SiloProcess WithCommand(string[] command, params string[] arguments)
    {
        var process = new SiloProcess(arguments);
        process._command = command;
        return process;
    }

    /// <summary>The separate API host (api/OrleansConnect.Api.Host), an Orleans client of the silos, started the same way.</summary>
    internal static SiloProcess ApiHost(params string[] arguments) => new("OrleansConnect.Api.Host.dll", arguments);

    public HttpClient Http { get; private set; } = null!;

    /// <summary>The port Orleans clients (the API host) reach this silo on.</summary>
    public int GatewayPort { get; } = FreePort();

    /// <summary>What <c>GET /</c> answered once the silo was ready.</summary>
    public System.Text.Json.JsonElement Root { get; private set; }

    /// <summary>The Kafka the silo uses: the embedded one as <c>GET /</c> reports it, or the configured one.</summary>
    public string KafkaBootstrapServers { get; private set; } = null!;

    /// <summary>The silo's console output so far, for failure messages.</summary>
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

    public async ValueTask InitializeAsync()
    {
        var silo = Path.Combine(AppContext.BaseDirectory, _assembly);
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { silo }.Concat(_command).Concat(new[]
        {
            "--urls", url,
            $"--Orleans:SiloPort={FreePort()}", $"--Orleans:GatewayPort={GatewayPort}",
            "--OrleansConnect:OffsetFlushIntervalMs=1000",
            $"--OrleansConnect:StateDirectory={_stateDirectory}",
        }).Concat(_extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {silo}");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        Http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        await WaitUntilReadyAsync();
        using var root = await Rest.GetJsonAsync(Http, "/");
        Root = root.RootElement.Clone();
        KafkaBootstrapServers = root.RootElement.TryGetProperty("embedded_kafka_bootstrap_servers", out var embedded)
            ? embedded.GetString()!
            : _extraArguments.Select(a => a.Split('=', 2)).SingleOrDefault(a => a[0] == "--Kafka:BootstrapServers")?[1] ?? string.Empty;
    }

    /// <summary>The silo's identity in task statuses (<c>worker_id</c> of <c>GET /</c>).</summary>
    public string WorkerId => Root.GetProperty("worker_id").GetString()!;

    /// <summary>Kills the process with SIGKILL, as <c>kill -9</c>: no shutdown code runs.</summary>
    public void Kill()
    {
        _process!.Kill();
        _process.WaitForExit(10_000);
    }

    /// <summary>Freezes the process with SIGSTOP, as a hung or cut-off node: it neither dies nor answers.</summary>
    public Task SuspendAsync() => SignalAsync("-STOP");

    /// <summary>Lets a suspended process run again with SIGCONT.</summary>
    public Task ResumeAsync() => SignalAsync("-CONT");

    /// <summary>Waits until the process has exited by itself, and answers its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process!.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [signal, _process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>The process's exit code once <see cref="StopAsync"/> has seen it exit.</summary>
    public int? ExitCode { get; private set; }

    /// <summary>Stops the silo with SIGTERM, as Kubernetes does, and waits until it has exited (60 s unless told).</summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        var limit = timeout ?? TimeSpan.FromSeconds(60);
        using var cancellation = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
            ExitCode = _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The silo did not exit within {limit.TotalSeconds} s of SIGTERM:\n{Output}");
        }
    }

    public ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        if (Directory.Exists(_stateDirectory))
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"The silo exited with code {_process.ExitCode} before it was ready:\n{Output}");
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

            await Task.Delay(250);
        }

        throw new TimeoutException($"The silo was not ready within 90 s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
