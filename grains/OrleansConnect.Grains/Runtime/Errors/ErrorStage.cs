namespace OrleansConnect.Grains.Runtime.Errors;

/// <summary>Where in a task's pipeline an error happened: Kafka's <c>Stage</c>, whose names appear in logs and DLQ headers.</summary>
internal enum ErrorStage
{
    TaskPoll,
    TaskPut,
    Transformation,
    KeyConverter,
    ValueConverter,
    HeaderConverter,
    KafkaProduce,
    KafkaConsume,
}

internal static class ErrorStages
{
    /// <summary>Kafka's name of the stage, e.g. <c>VALUE_CONVERTER</c>.</summary>
    public static string KafkaName(this ErrorStage stage) => stage switch
    {
        ErrorStage.TaskPoll => "TASK_POLL",
        ErrorStage.TaskPut => "TASK_PUT",
        ErrorStage.Transformation => "TRANSFORMATION",
        ErrorStage.KeyConverter => "KEY_CONVERTER",
        ErrorStage.ValueConverter => "VALUE_CONVERTER",
        ErrorStage.HeaderConverter => "HEADER_CONVERTER",
        ErrorStage.KafkaProduce => "KAFKA_PRODUCE",
        _ => "KAFKA_CONSUME",
    };

    /// <summary>
    /// Whether an error of this stage is subject to <c>errors.tolerance</c>: any error of a converter or
    /// transformation; in the other stages only a <see cref="OrleansConnect.Plugins.Errors.RetriableException"/>,
    /// as in Kafka. Anything else fails the task whatever the tolerance.
    /// </summary>
    public static bool ToleratesAnyError(this ErrorStage stage) =>
        stage is ErrorStage.Transformation or ErrorStage.KeyConverter or ErrorStage.ValueConverter or ErrorStage.HeaderConverter;
}
