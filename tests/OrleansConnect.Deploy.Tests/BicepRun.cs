namespace OrleansConnect.Deploy.Tests;

/// <summary>One run of the Bicep compiler: how it ended and the diagnostics it printed.</summary>
internal sealed record BicepRun(CommandResult Result, IReadOnlyList<BicepDiagnostic> Diagnostics)
{
    /// <summary>Errors and warnings (the compiler exits 0 on warnings, which can still fail a deployment).</summary>
    public IEnumerable<BicepDiagnostic> Problems => Diagnostics.Where(d => d.Level is "Error" or "Warning");

    /// <summary>Exited 0 with neither an error nor a warning.</summary>
    public bool IsClean => Result.ExitCode == 0 && !Problems.Any();

    public string Describe() => Result.Describe();
}
