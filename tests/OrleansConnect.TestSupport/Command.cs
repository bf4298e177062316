using System.ComponentModel;
using System.Diagnostics;

namespace OrleansConnect.TestSupport;

/// <summary>Runs a command-line tool to its end, as a script would, and returns what it wrote.</summary>
public static class Command
{
    /// <param name="file">The program: a name found on PATH or a full path.</param>
    /// <param name="arguments">Its arguments, each passed as one argument (no shell quoting).</param>
    /// <param name="input">Written to its stdin, which is then closed; null leaves stdin alone.</param>
    /// <param name="workingDirectory">Where it runs; null for this process's current directory.</param>
    /// <param name="userName">The user it runs as (this process must be root); null for this process's user.</param>
    /// <param name="timeout">How long it may run (5 minutes when null); then it is killed and a TimeoutException thrown.</param>
    public static async Task<CommandResult> RunAsync(
        string file,
        IEnumerable<string> arguments,
        string? input = null,
        string? workingDirectory = null,
        string? userName = null,
        TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
            UserName = userName,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var line = $"{file} {string.Join(' ', start.ArgumentList)}";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {line}");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Could not run {line}: {e.Message}", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (input is not null)
            {
                await process.StandardInput.WriteAsync(input);
                process.StandardInput.Close();
            }

            var limit = timeout ?? TimeSpan.FromMinutes(5);
            using var cancel = new CancellationTokenSource(limit);
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{line} did not finish within {limit}:\n{await stdout}\n{await stderr}");
            }

            return new CommandResult(line, process.ExitCode, await stdout, await stderr);
        }
    }
}
