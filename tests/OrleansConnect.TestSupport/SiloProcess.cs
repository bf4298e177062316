using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace OrleansConnect.TestSupport;

/// <summary>
/// The silo as a user runs it: the built OrleansConnect.Silo started as its own process (by default on its embedded
/// defaults: embedded Kafka, localhost clustering, state in a temporary directory of its own), on free ports, reached over real HTTP. The project
/// that starts one references silo/OrleansConnect.Silo, so that the silo's binaries are in its output folder.
/// Not sealed, so that a test project can declare it an xunit fixture: <c>sealed class SiloFixture : SiloProcess, IAsyncLifetime;</c>.
/// </summary>
public class SiloProcess : ServerProcess
{
    /// <summary>What every silo a test starts is given before its own settings: offsets committed every second.</summary>
    private static readonly string[] TestDefaults = ["--OrleansConnect:OffsetFlushIntervalMs=1000"];

    private readonly string[] _arguments;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _assembly;
    private readonly string _url = $"http://127.0.0.1:{FreePort()}";
    private readonly int _siloPort = FreePort();
    private string[] _command = [];

    public SiloProcess()
        : this([])
    {
    }

    /// <summary>A silo with extra command-line settings (after the tests' defaults, so they win), for tests that start their own.</summary>
    public SiloProcess(params string[] extraArguments)
        : this("the silo", "OrleansConnect.Silo.dll", [.. TestDefaults, .. extraArguments], new Dictionary<string, string>(), keptOutputLines: null)
    {
    }

    private SiloProcess(string name, string assembly, string[] arguments, IReadOnlyDictionary<string, string> environment, int? keptOutputLines)
        : base(name, keptOutputLines)
    {
        _assembly = assembly;
        _arguments = arguments;
        _environment = environment;
        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1000 })
        {
            BaseAddress = new Uri(_url),
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    /// <summary>REST calls to the silo.</summary>
    public HttpClient Http { get; }

    /// <summary>The port Orleans clients (the API host) reach this silo on.</summary>
    public int GatewayPort { get; } = FreePort();

    /// <summary>What <c>GET /</c> answered once the silo was ready.</summary>
    public JsonElement Root { get; private set; }

    /// <summary>The Kafka the silo uses: the embedded one as <c>GET /</c> reports it, or the configured one.</summary>
    public string KafkaBootstrapServers { get; private set; } = null!;

    /// <summary>The silo's identity in task statuses (<c>worker_id</c> of <c>GET /</c>).</summary>
    public string WorkerId => Root.GetProperty("worker_id").GetString()!;

    /// <summary>A silo started with a command first, e.g. <c>connect-standalone worker.properties c.properties</c>.</summary>
    public static SiloProcess WithCommand(string[] command, params string[] arguments)
    {
        var process = new SiloProcess(arguments);
        process._command = command;
        return process;
    }

    /// <summary>The separate API host (api/OrleansConnect.Api.Host), an Orleans client of the silos, started the same way.</summary>
    public static SiloProcess ApiHost(params string[] arguments) =>
        new("the API host", "OrleansConnect.Api.Host.dll", [.. TestDefaults, .. arguments], new Dictionary<string, string>(), keptOutputLines: null);

    /// <summary>
    /// Starts a silo with exactly these settings (Kafka Connect's defaults otherwise, as a user runs it) and environment
    /// variables, and waits until it is ready. For long runs (the benchmarks): only the last 200 output lines are kept.
    /// </summary>
    public static async Task<SiloProcess> StartAsync(string[] settings, IReadOnlyDictionary<string, string>? environment = null)
    {
        var silo = new SiloProcess("the silo", "OrleansConnect.Silo.dll", settings, environment ?? new Dictionary<string, string>(), keptOutputLines: 200);
        try
        {
            await silo.InitializeAsync();
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the process and waits until <c>/health/ready</c> answers 200, then reads <c>GET /</c>.</summary>
    public async ValueTask InitializeAsync()
    {
        await StartProcessAsync();
        using var root = await Rest.GetJsonAsync(Http, "/");
        Root = root.RootElement.Clone();
        KafkaBootstrapServers = root.RootElement.TryGetProperty("embedded_kafka_bootstrap_servers", out var embedded)
            ? embedded.GetString()!
            : _arguments.Select(a => a.Split('=', 2)).LastOrDefault(a => a[0] == "--Kafka:BootstrapServers")?[1] ?? string.Empty;
    }

    protected override ProcessStartInfo CreateStartInfo()
    {
        var path = Path.Combine(AppContext.BaseDirectory, _assembly);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"{path} does not exist: the project that starts {Name} must reference its project (silo/OrleansConnect.Silo or api/OrleansConnect.Api.Host).");
        }

        // The working directory is the content root, where the host finds its appsettings.json.
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory };
        // Each silo keeps its standalone state in a directory of its own, removed with it; a test that restarts a silo on
        // the same state passes --OrleansConnect:StateDirectory itself (the later argument wins).
        string[] own = ["--urls", _url, $"--Orleans:SiloPort={_siloPort}", $"--Orleans:GatewayPort={GatewayPort}", $"--OrleansConnect:StateDirectory={Path.Combine(TempDirectory, "state")}"];
        foreach (var argument in new[] { path }.Concat(_command).Concat(own).Concat(_arguments))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    protected override async Task<bool> IsReadyAsync()
    {
        try
        {
            using var response = await Http.GetAsync(new Uri("/health/ready", UriKind.Relative));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            // Not listening yet.
            return false;
        }
    }

    protected override ValueTask DisposeAsyncCore()
    {
        Http.Dispose();
        return ValueTask.CompletedTask;
    }
}
