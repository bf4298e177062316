using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using OrleansConnect.Grains.Runtime.Errors;
using OrleansConnect.Plugins.Errors;
using OrleansConnect.Plugins.Source;

namespace OrleansConnect.Grains.Tests.Runtime.Errors;

/// <summary><c>errors.log.enable</c> and <c>errors.log.include.messages</c>: Kafka's line, the record only when asked.</summary>
public sealed class LogReporterTests
{
    private static readonly ConsumeResult<byte[]?, byte[]?> Consumed = new()
    {
        Topic = "orders",
        Partition = 2,
        Offset = 42,
        Message = new Message<byte[]?, byte[]?>
        {
            Key = Encoding.UTF8.GetBytes("secret-key"),
            Value = Encoding.UTF8.GetBytes("secret-value"),
            Timestamp = new Timestamp(1_700_000_000_000, TimestampType.CreateTime),
        },
    };

    [Fact]
    public void Report_WithoutMessages_LogsTaskStageAndClassOnlyAtErrorWithTheException()
    {
        var logger = new CapturingLogger();
        var error = new DataException("bad");

        new LogReporter(logger, "orders-sink-0", includeMessages: false).Report(new ErrorContext(ErrorStage.ValueConverter, "C", error, Consumed, null));

        var (level, message, exception) = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, level);
        Assert.Equal("Error encountered in task orders-sink-0. Executing stage 'VALUE_CONVERTER' with class 'C'.", message);
        Assert.Same(error, exception);
    }

    [Fact]
    public void Report_WithMessagesForASink_AddsTheConsumedRecordsCoordinatesNotItsBytes()
    {
        var logger = new CapturingLogger();

        new LogReporter(logger, "orders-sink-0", includeMessages: true).Report(new ErrorContext(ErrorStage.TaskPut, "T", new DataException("bad"), Consumed, null));

        var message = Assert.Single(logger.Entries).Message;
        Assert.Equal(
            "Error encountered in task orders-sink-0. Executing stage 'TASK_PUT' with class 'T', where consumed record is {topic='orders', partition=2, offset=42, timestamp=1700000000000, timestampType=CreateTime}.",
            message);
        Assert.DoesNotContain("secret", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_WithMessagesForASource_AddsTheSourceRecord()
    {
        var logger = new CapturingLogger();
        var record = new SourceRecord(null, null, "orders", null, null, null, null, "v1");

        new LogReporter(logger, "orders-source-0", includeMessages: true).Report(new ErrorContext(ErrorStage.KafkaProduce, "P", new ConnectException("down"), null, record));

        Assert.EndsWith($", where source record is = {record}.", Assert.Single(logger.Entries).Message, StringComparison.Ordinal);
    }

    private sealed class CapturingLogger : ILogger
    {
        public List<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception), exception));
    }
}
