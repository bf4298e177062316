using System.Globalization;

namespace OrleansConnect.TestSupport;

/// <summary>How a command ended and what it wrote.</summary>
/// <param name="CommandLine">The command and its arguments, for messages.</param>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Output">What it wrote to stdout.</param>
/// <param name="Errors">What it wrote to stderr.</param>
public sealed record CommandResult(string CommandLine, int ExitCode, string Output, string Errors)
{
    /// <summary>This result when the command exited with 0; else throws with <see cref="Describe"/>.</summary>
    public CommandResult EnsureSuccess() => ExitCode == 0 ? this : throw new InvalidOperationException(Describe());

    /// <summary>"{command} exited with {code}:" and what it wrote, for a failure message.</summary>
    public string Describe() => $"{CommandLine} exited with {ExitCode.ToString(CultureInfo.InvariantCulture)}:\n{Output}\n{Errors}";
}
