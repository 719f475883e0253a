namespace Livepeer.Media.Transcoding;

/// <summary>Why a segment could not be transcoded.</summary>
public enum TranscodeError
{
    /// <summary>The segment's first video frame is not a keyframe, so it cannot be decoded on its own.</summary>
    NoKeyframe,
    /// <summary>The segment holds no video frames (empty, audio-only or zero-frame segment).</summary>
    NoFrames,
    /// <summary>The bytes are not a readable MPEG-TS segment.</summary>
    CorruptInput,
    /// <summary>The input's video codec cannot be decoded.</summary>
    UnsupportedCodec,
    /// <summary>The ffmpeg binary lacks an encoder a profile needs.</summary>
    EncoderMissing,
    /// <summary>ffmpeg or ffprobe did not finish within the time limit and was killed.</summary>
    Timeout,
    /// <summary>ffmpeg exited with an error not covered above; the message carries the end of its log.</summary>
    FfmpegFailed,
    /// <summary>No transcoder could take the work (every orchestrator failed, refused or was unreachable).</summary>
    Unavailable,
}
