namespace OrleansConnect.Grains.Hosting;

/// <summary>What the silo does with a key of a Kafka worker file.</summary>
internal enum WorkerKeyUse
{
    /// <summary>Mapped onto a .NET setting and acted on.</summary>
    Honoured,

    /// <summary>Accepted and not needed here; the key's note says why.</summary>
    Accepted,

    /// <summary>Accepted with a warning, as Kafka only warns for it (a key of the other mode, a key Kafka removed).</summary>
    Warned,

    /// <summary>Refused at start: the file names something this worker cannot do (some values only, for most).</summary>
    Refused,
}
