using Microsoft.Extensions.Logging;
using OrleansConnect.Grains.Runtime.Metrics;

namespace OrleansConnect.Grains.Runtime.Errors;

/// <summary>
/// <c>errors.log.enable</c>: one error log line per failure, in Kafka's words. The record itself only with
/// <c>errors.log.include.messages</c>; connector configs are never logged.
/// </summary>
internal sealed partial class LogReporter(ILogger logger, string taskId, bool includeMessages, TaskMetrics? metrics = null) : IErrorReporter
{
    public void Report(ErrorContext context)
    {
        LogError(logger, context.Error, taskId, context.Describe(includeMessages));
        metrics?.RecordErrorLogged();
    }

    public bool Flush(TimeSpan timeout) => true;

    public void Dispose()
    {
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Error encountered in task {TaskId}. {Context}.")]
    private static partial void LogError(ILogger logger, Exception exception, string taskId, string context);
}
