namespace Livepeer.Media.Segmenting;

/// <summary>Whether a frame is video or audio.</summary>
public enum MediaTrackKind
{
    Video,
    Audio,
}
