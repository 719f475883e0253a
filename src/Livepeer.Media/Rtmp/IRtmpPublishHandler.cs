namespace Livepeer.Media.Rtmp;

/// <summary>Decides whether a publisher may publish and receives what it publishes.</summary>
public interface IRtmpPublishHandler
{
    /// <summary>Called on the publish command; refuse to answer BadName and close.</summary>
    ValueTask<RtmpPublishResult> PublishAsync(RtmpPublishRequest request, CancellationToken cancellationToken);
}
