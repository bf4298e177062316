namespace OrleansConnect.Deploy.Tests;

/// <summary>A diagnostic of the Bicep compiler or linter.</summary>
/// <param name="Level">Error, Warning or Info.</param>
/// <param name="Code">BCP318, no-unused-params, ...</param>
/// <param name="Line">The line as printed, with the file, position and message.</param>
internal sealed record BicepDiagnostic(string Level, string Code, string Line);
