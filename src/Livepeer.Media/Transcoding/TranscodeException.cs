namespace Livepeer.Media.Transcoding;

/// <summary>A typed transcoding failure; <see cref="Error"/> says what kind, <see cref="StderrTail"/> holds the end of ffmpeg's log.</summary>
public sealed class TranscodeException(TranscodeError error, string message, string? stderrTail = null, Exception? inner = null)
    : Exception(stderrTail is null ? message : $"{message}\n--- ffmpeg log (tail) ---\n{stderrTail}", inner)
{
    /// <summary>The kind of failure.</summary>
    public TranscodeError Error { get; } = error;

    /// <summary>The last lines ffmpeg/ffprobe wrote to stderr, when relevant.</summary>
    public string? StderrTail { get; } = stderrTail;
}
