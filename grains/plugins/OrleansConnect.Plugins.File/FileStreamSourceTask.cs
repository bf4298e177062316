using System.Globalization;
using System.Text;
using OrleansConnect.Plugins.Config;
using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Source;

namespace OrleansConnect.Plugins.File;

/// <summary>
/// The task of <see cref="FileStreamSourceConnector"/>. Its source partition is <c>{"filename": file}</c> and its
/// offset <c>{"position": n}</c>, the byte position just after the last line sent, so a restarted task seeks there
/// and neither re-sends nor skips a line. A last line without its newline is held until the newline arrives.
/// </summary>
public sealed class FileStreamSourceTask : SourceTask
{
    public const string FilenameField = "filename";
    public const string PositionField = "position";

    private static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(250);
    private byte[] _buffer = new byte[64 * 1024];
    private int _buffered;
    private long _position;
    private string _file = string.Empty;
    private string _topic = string.Empty;
    private int _batchSize;
    private Dictionary<string, object?> _partition = [];
    private FileStream? _stream;

    public override async Task StartAsync(IReadOnlyDictionary<string, string> props, CancellationToken cancellationToken)
    {
        var config = new AbstractConfig(new FileStreamSourceConnector().Config, props);
        _file = config.GetString(FileStreamSourceConnector.FileConfig)!;
        _topic = config.GetList(FileStreamSourceConnector.TopicConfig)[0];
        _batchSize = config.GetInt(FileStreamSourceConnector.BatchSizeConfig);
        _partition = new Dictionary<string, object?> { [FilenameField] = _file };
        var offset = await Context.OffsetStorageReader.OffsetAsync(_partition, cancellationToken).ConfigureAwait(false);
        _position = offset?.GetValueOrDefault(PositionField) switch
        {
            null => 0,
            long position => position,
            var other => throw new ConfigException($"Offset position is the incorrect type: {other.GetType().Name}"),
        };
    }

    public override async Task<IReadOnlyList<SourceRecord>?> PollAsync(CancellationToken cancellationToken)
    {
        var records = ReadLines();
        if (records.Count > 0)
        {
            return records;
        }

        // Nothing new: wait a little so an idle file does not spin the loop.
        await Task.Delay(IdleWait, cancellationToken).ConfigureAwait(false);
        return null;
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _stream?.Dispose();
        _stream = null;
        return Task.CompletedTask;
    }

    private List<SourceRecord> ReadLines()
    {
        var records = new List<SourceRecord>();
        if (!EnsureOpen())
        {
            return records;
        }

        while (records.Count < _batchSize)
        {
            if (!TakeLines(records) && !Fill())
            {
                break;
            }
        }

        return records;
    }

    /// <summary>Moves complete lines from the buffer into records; false when the buffer holds no complete line.</summary>
    private bool TakeLines(List<SourceRecord> records)
    {
        var start = 0;
        var took = false;
        while (records.Count < _batchSize)
        {
            var found = _buffer.AsSpan(start, _buffered - start).IndexOf((byte)'\n');
            if (found < 0)
            {
                break;
            }

            var newline = start + found;

            var length = newline - start;
            if (length > 0 && _buffer[newline - 1] == '\r')
            {
                length--;
            }

            var line = Encoding.UTF8.GetString(_buffer, start, length);
            start = newline + 1;
            var offset = new Dictionary<string, object?> { [PositionField] = _position + start };
            records.Add(new SourceRecord(_partition, offset, _topic, Schema.String, line));
            took = true;
        }

        if (start > 0)
        {
            Buffer.BlockCopy(_buffer, start, _buffer, 0, _buffered - start);
            _buffered -= start;
            _position += start;
        }

        return took;
    }

    /// <summary>Reads more of the file into the buffer; false at the current end of the file.</summary>
    private bool Fill()
    {
        if (_buffered == _buffer.Length)
        {
            // A line longer than the buffer: grow it, as Kafka does.
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = _stream!.Read(_buffer, _buffered, _buffer.Length - _buffered);
        _buffered += read;
        return read > 0;
    }

    private bool EnsureOpen()
    {
        if (_stream is not null)
        {
            if (_stream.Length >= _position + _buffered)
            {
                return true;
            }

            // The file shrank under us (truncated or replaced): start again from its beginning.
            _stream.Dispose();
            _stream = null;
            _position = 0;
            _buffered = 0;
        }

        try
        {
            _stream = new FileStream(_file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // Not there yet: keep polling until it is created.
            return false;
        }

        if (_stream.Length < _position)
        {
            _position = 0;
        }

        _stream.Seek(_position, SeekOrigin.Begin);
        _buffered = 0;
        return true;
    }
}
