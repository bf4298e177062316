using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using OrleansConnect.Grains.Grains;
using OrleansConnect.Grains.Storage;

namespace OrleansConnect.Grains.Tests.Storage;

public sealed class FileGrainStorageTests : IDisposable
{
    private static readonly GrainId Grain = GrainId.Create("offsets", "my connector/0");
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"oc-file-storage-{Guid.NewGuid():N}");
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();
    private readonly List<FileStateDirectory> _opened = [];

    public void Dispose()
    {
        foreach (var directory in _opened)
        {
            directory.Dispose();
        }

        _services.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task ReadStateAsync_NothingWritten_GivesANewStateWithoutETag()
    {
        var state = new GrainState<SourceOffsetsGrainState>();

        await Storage().ReadStateAsync("offsets", Grain, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Empty(state.State!.Offsets);
    }

    [Fact]
    public async Task WriteStateAsync_ThenReadByAnotherInstance_GivesTheSameStateAndETag()
    {
        var written = Offsets("{\"filename\":\"in.txt\"}", "{\"position\":30}");
        await Storage().WriteStateAsync("offsets", Grain, written);

        // Another storage on the same directory, as a restarted silo has.
        var read = new GrainState<SourceOffsetsGrainState>();
        await Storage(Restart()).ReadStateAsync("offsets", Grain, read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal("{\"position\":30}", read.State!.Offsets["{\"filename\":\"in.txt\"}"]);
    }

    [Fact]
    public async Task WriteStateAsync_WithAnETagOlderThanTheFile_IsRefusedAndKeepsTheNewerState()
    {
        var storage = Storage();
        var first = Offsets("p", "1");
        await storage.WriteStateAsync("offsets", Grain, first);
        var stale = new GrainState<SourceOffsetsGrainState>(first.State, first.ETag);
        await storage.WriteStateAsync("offsets", Grain, Offsets("p", "2", first.ETag));

        stale.State = stale.State! with { Offsets = ImmutableDictionary<string, string>.Empty.Add("p", "stale") };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("offsets", Grain, stale));

        var read = new GrainState<SourceOffsetsGrainState>();
        await storage.ReadStateAsync("offsets", Grain, read);
        Assert.Equal("2", read.State!.Offsets["p"]);
    }

    [Fact]
    public async Task WriteStateAsync_FirstWriteWhenAnotherActivationWroteFirst_IsRefused()
    {
        var storage = Storage();
        await storage.WriteStateAsync("offsets", Grain, Offsets("p", "1"));

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("offsets", Grain, Offsets("p", "other")));
    }

    [Fact]
    public async Task ClearStateAsync_Written_RemovesTheFileAndReadsAsNew()
    {
        var storage = Storage();
        var state = Offsets("p", "1");
        await storage.WriteStateAsync("offsets", Grain, state);

        await storage.ClearStateAsync("offsets", Grain, state);

        Assert.False(File.Exists(storage.PathOf("offsets", Grain)));
        var read = new GrainState<SourceOffsetsGrainState>();
        await storage.ReadStateAsync("offsets", Grain, read);
        Assert.False(read.RecordExists);
    }

    [Fact]
    public async Task Open_AfterACrashMidWrite_RemovesTheTemporaryFileAndKeepsTheLastWrittenState()
    {
        var storage = Storage();
        await storage.WriteStateAsync("offsets", Grain, Offsets("p", "1"));
        var path = storage.PathOf("offsets", Grain);

        // What a kill -9 between writing the temporary file and renaming it leaves behind: a partial new version.
        var torn = path + ".0123" + FileStateDirectory.TemporarySuffix;
        await File.WriteAllBytesAsync(torn, [.. "OCS1"u8, 2, 0, 0], TestContext.Current.CancellationToken);

        var restarted = Storage(Restart());
        var read = new GrainState<SourceOffsetsGrainState>();
        await restarted.ReadStateAsync("offsets", Grain, read);

        Assert.False(File.Exists(torn));
        Assert.Equal("1", read.State!.Offsets["p"]);
    }

    [Fact]
    public void Open_DirectoryInUseByAnotherSilo_FailsNamingTheDirectoryAndTheSetting()
    {
        Open();

        var second = new FileStateDirectory(_directory, NullLogger<FileStateDirectory>.Instance);
        var e = Assert.Throws<InvalidOperationException>(second.Open);

        Assert.Contains(Path.GetFullPath(_directory), e.Message, StringComparison.Ordinal);
        Assert.Contains("OrleansConnect:StateDirectory", e.Message, StringComparison.Ordinal);
        Assert.Contains($"pid {Environment.ProcessId}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_PathIsAFile_FailsNamingItAndTheSetting()
    {
        Directory.CreateDirectory(_directory);
        var offsets = Path.Combine(_directory, "connect.offsets");
        File.WriteAllText(offsets, "a Kafka Connect offsets file");

        var e = Assert.Throws<InvalidOperationException>(new FileStateDirectory(offsets, NullLogger<FileStateDirectory>.Instance).Open);

        Assert.Contains(offsets, e.Message, StringComparison.Ordinal);
        Assert.Contains("offset.storage.file.filename", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadStateAsync_FileNotWrittenByUs_FailsNamingTheFile()
    {
        var storage = Storage();
        var path = storage.PathOf("offsets", Grain);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, "not a state file", TestContext.Current.CancellationToken);

        var e = await Assert.ThrowsAsync<IOException>(() => storage.ReadStateAsync("offsets", Grain, new GrainState<SourceOffsetsGrainState>()));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PathOf_LongGrainKey_StaysAFileNameOfBoundedLength()
    {
        var path = Storage().PathOf("task", GrainId.Create("task", new string('x', 1000) + "/0"));

        Assert.True(Path.GetFileName(path).Length <= 200, path);
    }

    private static GrainState<SourceOffsetsGrainState> Offsets(string partition, string offset, string? etag = null) =>
        new(new SourceOffsetsGrainState { Offsets = ImmutableDictionary<string, string>.Empty.Add(partition, offset) }, etag);

    private FileStateDirectory Open()
    {
        var directory = new FileStateDirectory(_directory, NullLogger<FileStateDirectory>.Instance);
        directory.Open();
        _opened.Add(directory);
        return directory;
    }

    /// <summary>The directory as the next silo process finds it: the previous one's lock released.</summary>
    private FileStateDirectory Restart()
    {
        foreach (var directory in _opened)
        {
            directory.Dispose();
        }

        _opened.Clear();
        return Open();
    }

    private FileGrainStorage Storage(FileStateDirectory? directory = null) => new(
        "connect",
        directory ?? (_opened.Count > 0 ? _opened[^1] : Open()),
        new OrleansGrainStorageSerializer(_services.GetRequiredService<Serializer>()),
        _services.GetRequiredService<IActivatorProvider>(),
        NullLogger<FileGrainStorage>.Instance);
}
