namespace Livepeer.Media.Transcoding;

/// <summary>
/// The node's transcode queue cannot take a segment in time: it would not finish before its deadline. Push answers 503
/// with <see cref="RetryAfter"/>; a live (RTMP) segment plays source-only.
/// </summary>
public sealed class TranscodeQueueFullException(string message, TimeSpan retryAfter) : Exception(message)
{
    /// <summary>When a retry may be admitted (whole seconds, at least one).</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}
