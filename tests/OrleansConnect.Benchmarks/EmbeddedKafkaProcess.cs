using System.Diagnostics;

namespace OrleansConnect.Benchmarks;

/// <summary>The silo binary's <c>embedded-kafka</c> command as its own process: one Kafka for the silos and the raw clients.</summary>
internal sealed class EmbeddedKafkaProcess : IAsyncDisposable
{
    private readonly Process _process;

    private EmbeddedKafkaProcess(Process process, string bootstrapServers)
    {
        _process = process;
        BootstrapServers = bootstrapServers;
    }

    public string BootstrapServers { get; }

    public int Pid => _process.Id;

    public static async Task<EmbeddedKafkaProcess> StartAsync()
    {
        var process = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "OrleansConnect.Silo.dll"), "embedded-kafka" },
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("Could not start the embedded Kafka");
        const string Prefix = "bootstrap.servers=";
        var line = await process.StandardOutput.ReadLineAsync();
        if (line is null || !line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"embedded-kafka printed '{line}' instead of {Prefix}...");
        }

        return new EmbeddedKafkaProcess(process, line[Prefix.Length..]);
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
