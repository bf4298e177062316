using System.Globalization;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace OrleansConnect.Grains.Storage;

/// <summary>
/// The directory a standalone silo keeps its grain state in. Opened first thing in the silo's lifecycle: it is created
/// if missing, locked for this process (a second silo on the same directory would overwrite the first one's state, so
/// it fails to start, naming the directory), and cleared of the temporary files a crash in the middle of a write left.
/// </summary>
internal sealed partial class FileStateDirectory(string path, ILogger<FileStateDirectory> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    internal const string TemporarySuffix = ".tmp";
    private const string LockFile = ".lock";
    private const string OwnerFile = ".owner";
    private FileStream? _lock;

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(FileStateDirectory), ServiceLifecycleStage.First, _ =>
        {
            Open();
            return Task.CompletedTask;
        });

    /// <summary>Creates and locks the directory; idempotent.</summary>
    public void Open()
    {
        if (_lock is not null)
        {
            return;
        }

        if (File.Exists(Path))
        {
            throw new InvalidOperationException(
                $"The state directory {Path} is a file (a Kafka Connect offsets file?). OrleansConnect keeps standalone state in a directory of its own: point OrleansConnect:StateDirectory (offset.storage.file.filename in a worker file) at a new path.");
        }

        Directory.CreateDirectory(Path);
        var lockPath = System.IO.Path.Combine(Path, LockFile);
        try
        {
            // FileShare.None takes an exclusive advisory lock (flock) on Unix; the kernel drops it when the process dies.
            _lock = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException(
                $"The state directory {Path} is in use by another OrleansConnect silo ({ReadOwner()}). Give this silo its own directory with OrleansConnect:StateDirectory, or stop the other one.", e);
        }

        // The lock file itself cannot be read by another process while locked; the owner goes beside it.
        File.WriteAllText(System.IO.Path.Combine(Path, OwnerFile), string.Create(CultureInfo.InvariantCulture, $"pid {Environment.ProcessId} on {Environment.MachineName}"));
        var leftovers = Directory.EnumerateFiles(Path, "*" + TemporarySuffix, SearchOption.AllDirectories).ToList();
        foreach (var file in leftovers)
        {
            File.Delete(file);
        }

        LogOpened(logger, Path, leftovers.Count);
    }

    public void Dispose() => _lock?.Dispose();

    private string ReadOwner()
    {
        try
        {
            return File.ReadAllText(System.IO.Path.Combine(Path, OwnerFile));
        }
        catch (IOException)
        {
            return "owner unknown";
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connectors, task configs, statuses and source offsets are kept in {Directory} ({Leftovers} unfinished writes of an earlier run removed)")]
    private static partial void LogOpened(ILogger logger, string directory, int leftovers);
}
