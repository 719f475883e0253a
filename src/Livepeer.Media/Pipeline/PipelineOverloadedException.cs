namespace Livepeer.Media.Pipeline;

/// <summary>The transcoder is behind: a segment was published as source only and its renditions skipped (they resume with a discontinuity).</summary>
public sealed class PipelineOverloadedException(string message) : Exception(message);
