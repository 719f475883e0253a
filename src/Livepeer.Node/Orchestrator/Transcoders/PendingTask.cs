namespace Livepeer.Node.Orchestrator.Transcoders;

/// <summary>A task handed to a remote transcoder, waiting for its POST /transcodeResults.</summary>
internal sealed class PendingTask(long id, string token, SegmentJob job, RemoteTranscoder transcoder)
{
    private readonly TaskCompletionSource<IReadOnlyList<TranscodedRendition>> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Id { get; } = id;
    /// <summary>Unguessable part of the source URL, so only the notified transcoder can fetch the segment.</summary>
    public string Token { get; } = token;
    public SegmentJob Job { get; } = job;
    public RemoteTranscoder Transcoder { get; } = transcoder;
    public Task<IReadOnlyList<TranscodedRendition>> Result => _result.Task;

    public bool Complete(IReadOnlyList<TranscodedRendition> renditions) => _result.TrySetResult(renditions);
    public bool Fail(Exception e) => _result.TrySetException(e);
}
