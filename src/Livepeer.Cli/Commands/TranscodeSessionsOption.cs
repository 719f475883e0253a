using System.CommandLine;
using Livepeer.Media.Transcoding;

namespace Livepeer.Cli.Commands;

/// <summary>`--transcode-sessions`: how the local ffmpeg transcodes a stream's segments (orchestrator and transcoder).</summary>
public static class TranscodeSessionsOption
{
    private const string PreStart = "pre-start", LongLived = "long-lived";

    /// <summary>The option, defaulting to pre-start.</summary>
    public static Option<string> Create() => new("--transcode-sessions")
    {
        Description = "pre-start: one ffmpeg per segment, the next started ahead (lowest latency); long-lived: one ffmpeg per stream fed segment "
            + "after segment (less CPU per segment, about one segment more latency; MPEG-TS ladders, needs a stream's segments sent without waiting)",
        DefaultValueFactory = _ => PreStart,
        HelpName = "pre-start|long-lived",
    };

    /// <summary>The mode named by <paramref name="text"/>; anything else is a usage error.</summary>
    public static TranscodeSessionMode Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        PreStart => TranscodeSessionMode.PreStart,
        LongLived => TranscodeSessionMode.LongLived,
        _ => throw new CliException($"--transcode-sessions '{text}' must be {PreStart} or {LongLived}.", CliException.Usage),
    };
}
