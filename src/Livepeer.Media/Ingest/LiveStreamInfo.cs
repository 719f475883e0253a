namespace Livepeer.Media.Ingest;

/// <summary>A live stream known to the ingest.</summary>
/// <param name="StreamName">The stream name in playback URLs and segments: the stream key, or the playback id its authorization named.</param>
/// <param name="App">The RTMP application it was published to.</param>
/// <param name="StartedAt">When publishing started.</param>
public sealed record LiveStreamInfo(string StreamName, string App, DateTimeOffset StartedAt)
{
    /// <summary>This stream's own ladder (named by the publisher's authorization), or null for the server's.</summary>
    public IReadOnlyList<Profiles.VideoProfile>? Profiles { get; init; }
}
