namespace Livepeer.Media.Rtmp;

/// <summary>The answer to a publish request: a session to receive the media, or a refusal with a reason.</summary>
public sealed class RtmpPublishResult
{
    private RtmpPublishResult(IRtmpPublishSession? session, string? refusal)
    {
        Session = session;
        RefusalReason = refusal;
    }

    /// <summary>The session receiving media (null when refused).</summary>
    public IRtmpPublishSession? Session { get; }

    /// <summary>Why the publisher was refused (sent in onStatus NetStream.Publish.BadName).</summary>
    public string? RefusalReason { get; }

    /// <summary>Accepts the publisher.</summary>
    public static RtmpPublishResult Accept(IRtmpPublishSession session) => new(session, null);

    /// <summary>Refuses the publisher; the server answers NetStream.Publish.BadName and closes the connection.</summary>
    public static RtmpPublishResult Refuse(string reason) => new(null, reason);
}
