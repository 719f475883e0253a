namespace Livepeer.Node.Orchestrator.Capacity;

/// <summary>Progress reported at once on the caller's thread (System.Progress posts, and lines could come out of order).</summary>
public sealed class LineProgress(Action<string> report) : IProgress<string>
{
    /// <inheritdoc />
    public void Report(string value) => report(value);
}
