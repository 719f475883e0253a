namespace Livepeer.Media.Rtmp;

/// <summary>The server answered a command with an error status (e.g. NetStream.Publish.BadName).</summary>
public sealed class RtmpStatusException(string code, string? description)
    : Exception($"RTMP server answered {code}: {description}")
{
    /// <summary>The status code, e.g. NetStream.Publish.BadName.</summary>
    public string Code { get; } = code;
}
