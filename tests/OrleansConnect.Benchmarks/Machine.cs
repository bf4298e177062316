using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;

namespace OrleansConnect.Benchmarks;

/// <summary>What the figures were measured on.</summary>
internal static class Machine
{
    public static bool IsRelease => typeof(Machine).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration == "Release";

    /// <summary>The 1-minute load average when asked: other work on the machine shows in every figure.</summary>
    public static string Load() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    public static string Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]
            : null;
        var gigabytes = memory is null ? "?" : (long.Parse(memory, CultureInfo.InvariantCulture) / 1024.0 / 1024.0).ToString("0.#", CultureInfo.InvariantCulture);
        return $"{cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} cores, {gigabytes} GB RAM, "
            + $"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {(IsRelease ? "Release" : "Debug")} build";
    }
}
