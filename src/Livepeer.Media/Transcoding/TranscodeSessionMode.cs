namespace Livepeer.Media.Transcoding;

/// <summary>How a <see cref="PersistentTranscoder"/> session transcodes a stream's segments.</summary>
public enum TranscodeSessionMode
{
    /// <summary>One process per segment, the next one started ahead and waiting on stdin: no start-up on the segment's
    /// path and no added latency, but every segment still initialises and flushes its encoders.</summary>
    PreStart,

    /// <summary>One long-lived process per stream fed segment after segment (<see cref="LongLivedFfmpeg"/>): the least CPU
    /// per segment, but a segment's last frames wait for the next segment (about one segment of added latency).
    /// MPEG-TS ladders without signatures only; others fall back to <see cref="PreStart"/>.</summary>
    LongLived,
}
