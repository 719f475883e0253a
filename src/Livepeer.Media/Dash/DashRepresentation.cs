using Livepeer.Media.Fmp4;
using Livepeer.Media.Hls;

namespace Livepeer.Media.Dash;

/// <summary>One Representation: its CMAF init segment, timeline window and measured bandwidth. Guarded by <see cref="DashStream"/>'s lock.</summary>
public sealed class DashRepresentation
{
    internal readonly LinkedList<DashSegment> Window = new();
    internal readonly LinkedList<(DashSegment Segment, DateTimeOffset RemovedAt)> Retired = new();
    internal readonly BitrateMeter Meter = new();

    internal DashRepresentation(string id, Fmp4Track track, byte[] init, double frameRate, bool webm = false)
    {
        Id = id;
        IsWebm = webm;
        Track = track;
        Init = init;
        FrameRate = frameRate;
    }

    /// <summary>Representation@id (also the URL folder).</summary>
    public string Id { get; }

    /// <summary>The track as the init segment describes it (codec string, timescale, size).</summary>
    public Fmp4Track Track { get; internal set; }

    /// <summary>The current init segment.</summary>
    public byte[] Init { get; internal set; }

    /// <summary>Frames per second for video (0 for audio/unknown).</summary>
    public double FrameRate { get; }

    /// <summary>True for a WebM representation (VP8); false for CMAF.</summary>
    public bool IsWebm { get; }

    /// <summary>MIME type of its segments.</summary>
    public string MimeType => IsWebm ? "video/webm" : IsAudio ? "audio/mp4" : "video/mp4";

    /// <summary>Init segment file name.</summary>
    public string InitName => IsWebm ? "init.webm" : "init.mp4";

    /// <summary>Media segment file extension (with dot).</summary>
    public string MediaExtension => IsWebm ? ".webm" : ".m4s";

    /// <summary>True for audio.</summary>
    public bool IsAudio => Track.Handler == "soun";

    /// <summary>The $Number$ the next segment gets.</summary>
    public long NextNumber { get; internal set; }

    /// <summary>Current window, oldest first.</summary>
    public IReadOnlyCollection<DashSegment> Segments => Window;
}
