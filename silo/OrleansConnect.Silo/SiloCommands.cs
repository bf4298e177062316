using System.Globalization;
using System.Runtime.InteropServices;
using OrleansConnect.Grains.Hosting;

namespace OrleansConnect.Silo;

/// <summary>Commands the silo binary runs instead of the silo: <c>embedded-kafka [brokers]</c>.</summary>
internal static class SiloCommands
{
    /// <summary>Runs the command named by the first argument, or returns null when there is none.</summary>
    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (args is not [EmbeddedKafkaCommand.Name, .. var rest])
        {
            return null;
        }

        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        var brokers = rest is [var count, ..] && int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1;
        return await EmbeddedKafkaCommand.RunAsync(brokers, Console.Out, stop.Token);

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
