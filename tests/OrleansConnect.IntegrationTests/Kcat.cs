using System.Diagnostics;

namespace OrleansConnect.IntegrationTests;

/// <summary>kcat, an independent Kafka client (librdkafka's own CLI), to check what is really in a topic.</summary>
internal static class Kcat
{
    /// <summary>Every record value of a one-partition topic, from the beginning to the current end; none when it does not exist yet.</summary>
    public static async Task<IReadOnlyList<string>> ConsumeAllAsync(string bootstrapServers, string topic)
    {
        string[] arguments = ["-b", bootstrapServers, "-C", "-t", topic, "-o", "beginning", "-e", "-q", "-f", "%s\\n"];
        var (exitCode, output, errors) = await RunAsync(arguments, null);
        if (exitCode != 0 && errors.Contains("Unknown topic or partition", StringComparison.Ordinal))
        {
            return [];
        }

        Assert.True(exitCode == 0, $"kcat {string.Join(' ', arguments)} exited {exitCode}: {errors}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>
    /// Produces one record per line, all to partition 0 so they keep their order even in a topic that kcat's produce
    /// auto-created (with four partitions on the embedded Kafka).
    /// </summary>
    public static async Task ProduceAsync(string bootstrapServers, string topic, IEnumerable<string> lines)
    {
        var (exitCode, _, errors) = await RunAsync(["-b", bootstrapServers, "-P", "-t", topic, "-p", "0"], string.Join('\n', lines) + "\n");
        Assert.True(exitCode == 0, $"kcat -P -t {topic} exited {exitCode}: {errors}");
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string[] arguments, string? input)
    {
        var start = new ProcessStartInfo("kcat")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("kcat is not installed: `apt-get install kcat` (.ci/run installs it)", e);
        }

        using (process)
        {
            if (input is not null)
            {
                await process.StandardInput.WriteAsync(input);
                process.StandardInput.Close();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await stdout, await stderr);
        }
    }
}
