using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace OrleansConnect.TestSupport;

/// <summary>
/// A real MQTT broker for the tests: Debian's mosquitto on a free loopback port as a child process, with a config file
/// in its temporary directory (anonymous clients, persistence there), stopped and removed when the tests end.
/// Persistence is saved on every change and at shutdown, so that <see cref="ServerProcess.StopAsync"/> (or a kill) and
/// <see cref="StartAsync"/> keep the persistent sessions and the QoS 1 and 2 messages they hold, as a real broker's
/// restart does. Not sealed, so that a test project can declare it an xunit fixture:
/// <c>sealed class MosquittoFixture : MosquittoServer, IAsyncLifetime;</c>.
/// </summary>
public class MosquittoServer : ServerProcess
{
    private static readonly Binary Mosquitto = Binary.Debian("mosquitto", "mosquitto");

    private string _binary = null!;
    private volatile bool _listening;

    public MosquittoServer()
        : base("mosquitto")
    {
    }

    /// <summary>Whether mosquitto is installed, so that <see cref="InitializeAsync"/> can start one.</summary>
    public static bool IsInstalled => Mosquitto.Find("/usr/sbin") is not null;

    public int Port { get; } = FreePort();

    /// <summary>The broker's URI as Confluent's connectors take it (<c>mqtt.server.uri</c>).</summary>
    public string Uri => $"tcp://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    private string ConfigFile => Path.Combine(TempDirectory, "mosquitto.conf");

    /// <summary>Writes the config file and starts the broker.</summary>
    public async ValueTask InitializeAsync()
    {
        // Debian installs the broker in /usr/sbin, which is not on every user's PATH.
        _binary = Mosquitto.Require("/usr/sbin");
        var persistence = Path.Combine(TempDirectory, "data") + Path.DirectorySeparatorChar;
        Directory.CreateDirectory(persistence);
        await File.WriteAllLinesAsync(ConfigFile,
        [
            $"listener {Port.ToString(CultureInfo.InvariantCulture)} 127.0.0.1",
            "allow_anonymous true",
            "persistence true",
            $"persistence_location {persistence}",
            // Saved after every change, not only at shutdown, so that a kill -9 loses nothing either.
            "autosave_on_changes true",
            "autosave_interval 1",
            // Run as root (CI containers) the broker would switch to the mosquitto user, who cannot write the temporary directory.
            "user root",
            "log_type error",
            "log_type warning",
            "log_type notice",
            // "mosquitto version … running", after the listener is bound, is an information line: readiness waits for it.
            "log_type information",
        ]);
        await StartProcessAsync();
    }

    /// <summary>Starts the broker again after <see cref="ServerProcess.StopAsync"/> or <see cref="ServerProcess.Kill"/>: same port, same persistence.</summary>
    public Task StartAsync()
    {
        _listening = false;
        return StartProcessAsync();
    }

    protected override ProcessStartInfo CreateStartInfo()
    {
        var start = new ProcessStartInfo(_binary) { WorkingDirectory = TempDirectory };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(ConfigFile);
        return start;
    }

    /// <summary>
    /// Ready once the broker itself says it runs (it logs that after binding its listener), not when something answers on
    /// the port: the port is free when chosen, but another test process may take it before the broker binds it, and the
    /// broker then exits ("Address already in use") instead of being mistaken for that process's server.
    /// </summary>
    protected override async Task<bool> IsReadyAsync() => _listening && await AcceptsConnectionsAsync(Port);

    protected override void OnOutputLine(string line)
    {
        if (line.Contains(" running", StringComparison.Ordinal) && line.Contains("mosquitto version", StringComparison.Ordinal))
        {
            _listening = true;
        }
    }
}
