using Livepeer.Media.Fmp4;
using Livepeer.Media.Hls;

namespace Livepeer.Media.Dash;

/// <summary>One Representation: its CMAF init segment, timeline window and measured bandwidth. Guarded by <see cref="DashStream"/>'s lock.</summary>
public sealed class DashRepresentation
{
    internal readonly LinkedList<DashSegment> Window = new();
    internal readonly LinkedList<(DashSegment Segment, DateTimeOffset RemovedAt)> Retired = new();
    internal readonly BitrateMeter Meter = new();

    internal DashRepresentation(string id, Fmp4Track track, byte[] init, double frameRate)
    {
        Id = id;
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

    /// <summary>True for audio.</summary>
    public bool IsAudio => Track.Handler == "soun";

    /// <summary>The $Number$ the next segment gets.</summary>
    public long NextNumber { get; internal set; }

    /// <summary>Current window, oldest first.</summary>
    public IReadOnlyCollection<DashSegment> Segments => Window;
}
