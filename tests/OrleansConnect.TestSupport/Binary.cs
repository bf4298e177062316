namespace OrleansConnect.TestSupport;

/// <summary>
/// A program a test needs from the machine (a server or a client tool), with the package that installs it. When it is
/// missing, <see cref="Require"/> fails with the package and the command that installs it.
/// </summary>
/// <param name="Name">The program's file name, as on PATH.</param>
/// <param name="Package">The package that installs it.</param>
/// <param name="InstallCommand">The command that installs the package.</param>
public sealed record Binary(string Name, string Package, string InstallCommand)
{
    /// <summary>A program from a Debian package.</summary>
    public static Binary Debian(string name, string package) =>
        new(name, $"Debian package {package}", $"sudo apt-get install -y {package}");

    /// <summary>A program from an npm package, installed globally so that its command is on PATH.</summary>
    public static Binary Npm(string name, string package) =>
        new(name, $"npm package {package}", $"npm install -g {package}");

    /// <summary>Why a test cannot run without it, and how to install it.</summary>
    public string MissingMessage =>
        $"{Name} was not found on PATH. Install the {Package}: {InstallCommand} (.ci/run installs the tests' packages on a fresh machine).";

    /// <summary>The full path of the program: the first match on PATH, then in <paramref name="directories"/>; null when there is none.</summary>
    public string? Find(params IEnumerable<string> directories) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(directories)
            .Select(d => Path.Combine(d, Name))
            .FirstOrDefault(File.Exists);

    /// <summary>The full path of the program, as <see cref="Find"/> gives it; throws <see cref="MissingMessage"/> when there is none.</summary>
    public string Require(params IEnumerable<string> directories) =>
        Find(directories) ?? throw new InvalidOperationException(MissingMessage);
}
