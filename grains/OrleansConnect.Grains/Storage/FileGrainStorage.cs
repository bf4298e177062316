using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace OrleansConnect.Grains.Storage;

/// <summary>
/// Grain state in files: one file per grain and state name under <see cref="FileStateDirectory"/>, for a standalone
/// silo that must remember its connectors, task configs, statuses and source offsets across restarts (Kafka's
/// standalone worker keeps its offsets in <c>offset.storage.file.filename</c>). A write goes to a temporary file that
/// is flushed to disk and then renamed over the old one, so a crash at any moment (kill -9 in the middle of a write)
/// leaves the old state or the new one, never a torn file. The ETag is a version number kept in the file: a write
/// from an activation that read an older version is refused with <see cref="InconsistentStateException"/>, as the
/// other providers do.
/// </summary>
internal sealed partial class FileGrainStorage(
    string name,
    FileStateDirectory directory,
    IGrainStorageSerializer serializer,
    IActivatorProvider activators,
    ILogger<FileGrainStorage> logger) : IGrainStorage
{
    private static ReadOnlySpan<byte> Magic => "OCS1"u8;
    private const int HeaderLength = 16; // magic (4), version (8), payload length (4)
    private const int MaxReadableName = 150;

    // Writes of one file are serialized; grains do that already, except two activations during a hand-over.
    private readonly SemaphoreSlim[] _locks = [.. Enumerable.Range(0, 32).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        var stored = await ReadAsync(path).ConfigureAwait(false);
        if (stored is { } found)
        {
            grainState.State = serializer.Deserialize<T>(found.Payload) ?? Create<T>();
            grainState.ETag = Tag(found.Version);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Create<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        var payload = serializer.Serialize(grainState.State);
        var gate = GateOf(path);
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var current = await ReadVersionAsync(path).ConfigureAwait(false);
            CheckETag(path, grainState.ETag, current);
            var version = (current ?? 0) + 1;
            await ReplaceAsync(path, version, payload.ToMemory()).ConfigureAwait(false);
            grainState.ETag = Tag(version);
            grainState.RecordExists = true;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        var gate = GateOf(path);
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            CheckETag(path, grainState.ETag, await ReadVersionAsync(path).ConfigureAwait(false));
            File.Delete(path);
            grainState.State = Create<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// The file of a grain's state: <c>{directory}/{provider}/{state}/{grain id}</c>, the grain id escaped for a file
    /// name, or its SHA-256 when the escaped id would be too long for one.
    /// </summary>
    internal string PathOf(string stateName, GrainId grainId)
    {
        var id = Uri.EscapeDataString(grainId.ToString());
        if (id.Length > MaxReadableName)
        {
            id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(grainId.ToString())));
        }

        return Path.Combine(directory.Path, Uri.EscapeDataString(name), Uri.EscapeDataString(stateName), id + ".state");
    }

    private void CheckETag(string path, string? etag, long? current)
    {
        if (etag != (current is { } version ? Tag(version) : null))
        {
            LogConflict(logger, path, etag ?? "none", current?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none");
            throw new InconsistentStateException($"State file {path} was written by another activation", current is { } v ? Tag(v) : string.Empty, etag ?? string.Empty);
        }
    }

    private static async Task<(long Version, BinaryData Payload)?> ReadAsync(string path)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        var (version, length) = ParseHeader(path, bytes);
        if (bytes.Length != HeaderLength + length)
        {
            throw new IOException($"State file {path} is {bytes.Length} bytes long, its header says {HeaderLength + length}: it was not written by this version of OrleansConnect or the disk altered it");
        }

        return (version, new BinaryData(bytes.AsMemory(HeaderLength)));
    }

    private static async Task<long?> ReadVersionAsync(string path)
    {
        var header = new byte[HeaderLength];
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
            await stream.ReadExactlyAsync(header).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        return ParseHeader(path, header).Version;
    }

    private static (long Version, int Length) ParseHeader(string path, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderLength || !bytes[..Magic.Length].SequenceEqual(Magic))
        {
            throw new IOException($"State file {path} is not an OrleansConnect state file");
        }

        return (BinaryPrimitives.ReadInt64LittleEndian(bytes[4..]), BinaryPrimitives.ReadInt32LittleEndian(bytes[12..]));
    }

    /// <summary>Writes the new state beside the old file, flushes it to disk, then renames it over the old one.</summary>
    private static async Task ReplaceAsync(string path, long version, ReadOnlyMemory<byte> payload)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + FileStateDirectory.TemporarySuffix;
        var header = new byte[HeaderLength];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(4), version);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), payload.Length);
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(header).ConfigureAwait(false);
                await stream.WriteAsync(payload).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            // rename(2) replaces the file atomically: a reader or a crash sees the old file or the new one.
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static string Tag(long version) => version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private SemaphoreSlim GateOf(string path) => _locks[(uint)StringComparer.Ordinal.GetHashCode(path) % (uint)_locks.Length];

    private T Create<T>() => activators.GetActivator<T>().Create();

    [LoggerMessage(Level = LogLevel.Warning, Message = "State file {Path}: write refused, it has version {Current} and the writer read {ETag}")]
    private static partial void LogConflict(ILogger logger, string path, string etag, string current);
}
