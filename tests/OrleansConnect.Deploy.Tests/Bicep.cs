using System.Reflection;
using System.Text.RegularExpressions;

namespace OrleansConnect.Deploy.Tests;

/// <summary>
/// The Bicep compiler of the Azure.Bicep.CommandLine.linux-x64 package, restored by the test project's PackageDownload
/// into the NuGet package folder (the csproj records where), so no global install is needed.
/// </summary>
internal static partial class Bicep
{
    private static readonly Lazy<string> ExecutablePath = new(FindExecutable);

    public static string Executable => ExecutablePath.Value;

    /// <summary><c>bicep build</c> of <paramref name="file"/> into <paramref name="outFile"/>.</summary>
    public static async Task<BicepRun> BuildAsync(string file, string outFile) =>
        Parse(await Command.RunAsync(Executable, ["build", file, "--outfile", outFile], timeout: TimeSpan.FromMinutes(2)));

    /// <summary><c>bicep lint</c> of <paramref name="file"/> with the linter's default rules (or a bicepconfig.json beside it).</summary>
    public static async Task<BicepRun> LintAsync(string file) =>
        Parse(await Command.RunAsync(Executable, ["lint", file], timeout: TimeSpan.FromMinutes(2)));

    private static BicepRun Parse(CommandResult result) =>
        new(result, [.. Diagnostic().Matches(result.Errors).Select(m => new BicepDiagnostic(m.Groups["level"].Value, m.Groups["code"].Value, m.Value.Trim()))]);

    private static string FindExecutable()
    {
        var package = typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BicepPackage")?.Value
            ?? throw new InvalidOperationException("The test assembly does not record the Bicep package folder (OrleansConnect.Deploy.Tests.csproj)");
        var executable = Path.Combine(package, "tools", OperatingSystem.IsWindows() ? "bicep.exe" : "bicep");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"{executable} is missing: `dotnet restore tests/OrleansConnect.Deploy.Tests` downloads the Azure.Bicep.CommandLine.linux-x64 package");
        }

        // NuGet extracts package files without their Unix modes on some versions and file systems.
        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(executable).HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(executable, File.GetUnixFileMode(executable) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return executable;
    }

    // "path(line,column) : Warning BCP318: ..." or "... : Warning no-unused-params: ..." (the linter's rules).
    [GeneratedRegex(@"^.*\(\d+,\d+\) : (?<level>Error|Warning|Info) (?<code>[\w-]+): .*$", RegexOptions.Multiline)]
    private static partial Regex Diagnostic();
}
