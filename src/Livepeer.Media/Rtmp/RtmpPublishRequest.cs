using System.Net;

namespace Livepeer.Media.Rtmp;

/// <summary>A publisher asking to publish rtmp://host:port/{App}/{StreamKey}.</summary>
/// <param name="App">The application from connect (e.g. "live").</param>
/// <param name="StreamKey">The publishing name without any query string.</param>
/// <param name="Query">The query string after '?' in the publishing name (tokens), or null.</param>
/// <param name="TcUrl">The tcUrl from connect.</param>
/// <param name="RemoteEndPoint">The publisher's address.</param>
/// <param name="ConnectionId">Server-local id of the connection (for logs).</param>
public sealed record RtmpPublishRequest(string App, string StreamKey, string? Query, string? TcUrl, EndPoint? RemoteEndPoint, long ConnectionId);
