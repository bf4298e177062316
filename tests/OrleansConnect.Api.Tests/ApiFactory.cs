using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace OrleansConnect.Api.Tests;

/// <summary>
/// The silo's own Program in process: REST co-hosted with the silo, embedded Kafka (no bootstrap servers set),
/// in-memory state, and the test plugins installed through <c>OrleansConnect:PluginPath</c>. Each factory takes its own
/// free silo and gateway ports so it can run beside other test hosts.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    private const string TestPluginsAssembly = "OrleansConnect.TestPlugins";

    private readonly string _pluginPath = Path.Combine(Path.GetTempPath(), $"oc-api-plugins-{Guid.NewGuid():N}");
    private readonly IReadOnlyDictionary<string, string> _settings;

    public ApiFactory()
        : this(new Dictionary<string, string>())
    {
    }

    /// <summary>A factory with extra settings, for tests that need a silo configured otherwise.</summary>
    internal ApiFactory(IReadOnlyDictionary<string, string> settings)
    {
        _settings = settings;
        (SiloPort, GatewayPort) = FreePorts();

        // Only the plugin's own assembly goes in its folder: the SPI comes from the host, as for any installed plugin.
        Directory.CreateDirectory(_pluginPath);
        File.Copy(Path.Combine(AppContext.BaseDirectory, TestPluginsAssembly + ".dll"), Path.Combine(_pluginPath, TestPluginsAssembly + ".dll"));
    }

    /// <summary>The silo's <c>plugin.path</c>; the test plugins run from the AssemblyLoadContext named <c>plugin:</c> and this path.</summary>
    public string PluginPath => _pluginPath;

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_pluginPath, recursive: true);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Orleans:SiloPort", SiloPort.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:GatewayPort", GatewayPort.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("OrleansConnect:PluginPath", _pluginPath);
        builder.UseSetting("Kafka:BootstrapServers", string.Empty);
        builder.UseSetting("OrleansConnect:StateStore", "Memory");
        builder.UseSetting("OrleansConnect:OffsetFlushIntervalMs", "1000");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Two distinct free ports: both listeners are open at once, so the OS cannot hand out the same one twice.</summary>
    private static (int First, int Second) FreePorts()
    {
        using var first = new TcpListener(IPAddress.Loopback, 0);
        using var second = new TcpListener(IPAddress.Loopback, 0);
        first.Start();
        second.Start();
        return (((IPEndPoint)first.LocalEndpoint).Port, ((IPEndPoint)second.LocalEndpoint).Port);
    }
}
