namespace Livepeer.Node.Orchestrator.Transcoders;

/// <summary>One remote transcoder failed a task (error report, timeout or disconnect); the pool moves the task elsewhere.</summary>
public sealed class RemoteTranscodeException(string message, bool dropTranscoder) : Exception(message)
{
    /// <summary>Whether the transcoder should leave the pool (it timed out or vanished), not just be skipped for this task.</summary>
    public bool DropTranscoder { get; } = dropTranscoder;
}
