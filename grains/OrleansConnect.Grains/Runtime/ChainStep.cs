using OrleansConnect.Plugins;

namespace OrleansConnect.Grains.Runtime;

/// <summary>One stage of a <see cref="TransformationChain.Trace"/>: the record it produced (null: dropped or failed), whether its predicate skipped it, or its exception.</summary>
internal sealed record ChainStep(string Alias, ConnectRecord? Record, bool SkippedByPredicate, Exception? Error);
