using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OrleansConnect.TestSupport;

/// <summary>
/// A real server that a test or a benchmark starts as its own process: on free loopback ports, with a temporary
/// directory of its own, its console output kept for failure messages, ready only once it answers, and stopped by its
/// own process id (never by name: other tests on the machine run the same binaries). Disposing it ends the process and
/// deletes the directory. A subclass says how to start the server (<see cref="CreateStartInfo"/>) and when it is ready
/// (<see cref="IsReadyAsync"/>); the same start info serves a restart, so a restarted server keeps its ports and data.
/// </summary>
public abstract class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly HashSet<int> HandedOutPorts = [];
    private readonly Queue<string> _output = new();
    private readonly int? _keptOutputLines;
    private string? _tempDirectory;
    private Process? _process;
    private int? _exitCode;

    /// <param name="name">What the server is, for messages ("the silo", "PostgreSQL").</param>
    /// <param name="keptOutputLines">How many of the last output lines to keep; null keeps all of them.</param>
    protected ServerProcess(string name, int? keptOutputLines = null)
    {
        Name = name;
        _keptOutputLines = keptOutputLines;
    }

    /// <summary>What the server is, for messages.</summary>
    public string Name { get; }

    /// <summary>The id of the running (or last) process.</summary>
    public int Pid => Started().Id;

    /// <summary>The exit code of a process that has exited (also once disposed); null while it runs (or before it started).</summary>
    public int? ExitCode => _exitCode ?? (_process is { HasExited: true } process ? process.ExitCode : null);

    /// <summary>From the latest start of the process until it was ready.</summary>
    public TimeSpan StartToReady { get; private set; }

    /// <summary>The server's own temporary directory: created on first use, deleted when the server is disposed.</summary>
    public string TempDirectory => _tempDirectory ??= Directory.CreateTempSubdirectory($"oc-{GetType().Name.ToLowerInvariant()}-").FullName;

    /// <summary>What the process wrote to stdout and stderr so far (across restarts), for failure messages.</summary>
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

    /// <summary>How long a start may take before it fails with the output so far.</summary>
    protected virtual TimeSpan ReadyTimeout => TimeSpan.FromSeconds(120);

    /// <summary>The signal <see cref="StopAsync"/> sends: SIGTERM, the shutdown that Kubernetes and docker stop ask for.</summary>
    protected virtual string StopSignal => "TERM";

    /// <summary>
    /// The signal <see cref="DisposeAsync"/> sends to a server still running, before it kills what is left; null kills
    /// the process tree with SIGKILL at once.
    /// </summary>
    protected virtual string? DisposeSignal => null;

    /// <summary>Whether something accepts TCP connections on this loopback port: the readiness of servers that answer nothing simpler.</summary>
    public static async Task<bool> AcceptsConnectionsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>A loopback port nothing listens on now, and never the same one twice in this process.</summary>
    public static int FreePort()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (HandedOutPorts)
            {
                // Two servers started side by side each take their ports before either listens.
                if (HandedOutPorts.Add(port))
                {
                    return port;
                }
            }
        }
    }

    /// <summary>The resident memory of the process in MB (<c>VmRSS</c> of <c>/proc/{pid}/status</c>).</summary>
    public double ResidentMegabytes()
    {
        var line = File.ReadLines($"/proc/{Pid.ToString(CultureInfo.InvariantCulture)}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>Sends a signal (<c>KILL</c>, <c>TERM</c>, <c>STOP</c>, <c>CONT</c>, ...) to the process, by its id.</summary>
    public async Task SignalAsync(string signal) =>
        (await Command.RunAsync("kill", [$"-{signal}", Pid.ToString(CultureInfo.InvariantCulture)])).EnsureSuccess();

    /// <summary>Waits until the process has exited by itself, and answers its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        var process = Started();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return process.ExitCode;
    }

    /// <summary>Kills the process (not its children) with SIGKILL, as <c>kill -9</c>: no shutdown code runs.</summary>
    public void Kill()
    {
        var process = Started();
        process.Kill();
        process.WaitForExit(10_000);
    }

    /// <summary>
    /// Sends the stop signal (SIGTERM unless the server says otherwise) and waits until the process has exited (60 s
    /// unless told), killing it and failing past that; nothing when it has exited already.
    /// </summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        var process = Started();
        if (process.HasExited)
        {
            return;
        }

        await SignalAsync(StopSignal);
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        using var cancellation = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Name} did not exit within {limit.TotalSeconds} s of SIG{StopSignal}:\n{Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore();
        if (_process is { HasExited: false } process)
        {
            if (DisposeSignal is { } signal)
            {
                await Command.RunAsync("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)]);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    // Killed below.
                }
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }

        _exitCode = ExitCode;
        _process?.Dispose();
        if (_tempDirectory is not null)
        {
            Directory.Delete(_tempDirectory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>How to start the server; asked at every start.</summary>
    protected abstract ProcessStartInfo CreateStartInfo();

    /// <summary>Whether the started server answers yet; polled until it does, the process exits or the ready timeout passes.</summary>
    protected abstract Task<bool> IsReadyAsync();

    /// <summary>Called with each line the process writes to stdout or stderr, on a thread of the output reader.</summary>
    protected virtual void OnOutputLine(string line)
    {
    }

    /// <summary>Releases what the subclass holds (clients of the server) before the process ends.</summary>
    protected virtual ValueTask DisposeAsyncCore() => ValueTask.CompletedTask;

    /// <summary>Starts the process and waits until it is ready; a server that exits or never answers fails with its output.</summary>
    protected async Task StartProcessAsync()
    {
        if (_process is { HasExited: false } running)
        {
            throw new InvalidOperationException($"{Name} is already running as process {running.Id.ToString(CultureInfo.InvariantCulture)}");
        }

        _process?.Dispose();
        var start = CreateStartInfo();
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var clock = Stopwatch.StartNew();
        try
        {
            _exitCode = null;
            _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Name}: {start.FileName}");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start {Name}: {start.FileName}: {e.Message}", e);
        }

        var process = _process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        while (!await IsReadyAsync())
        {
            if (process.HasExited)
            {
                // Without a timeout, WaitForExit also waits until the output has been read to its end.
                process.WaitForExit();
                throw new InvalidOperationException($"{Name} exited with code {process.ExitCode.ToString(CultureInfo.InvariantCulture)} before it was ready:\n{Output}");
            }

            if (clock.Elapsed > ReadyTimeout)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{Name} was not ready within {ReadyTimeout.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture)} s:\n{Output}");
            }

            await Task.Delay(PollInterval);
        }

        StartToReady = clock.Elapsed;
    }

    private Process Started() => _process ?? throw new InvalidOperationException($"{Name} has not been started");

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > _keptOutputLines)
            {
                _output.Dequeue();
            }
        }

        OnOutputLine(line);
    }
}
