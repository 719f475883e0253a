namespace Livepeer.Media.Ingest;

/// <summary>A live stream known to the ingest.</summary>
/// <param name="StreamName">The stream key (used as the stream name in URLs and segments).</param>
/// <param name="App">The RTMP application it was published to.</param>
/// <param name="StartedAt">When publishing started.</param>
public sealed record LiveStreamInfo(string StreamName, string App, DateTimeOffset StartedAt);
