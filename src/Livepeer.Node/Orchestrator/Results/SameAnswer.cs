using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Orchestrator.Results;

/// <summary>The honest answer to a segment sent again: the result already signed for it, never a second one.</summary>
public sealed class SameAnswer : IRepeatedSegmentAnswer
{
    /// <summary>The single instance.</summary>
    public static readonly SameAnswer Instance = new();

    private SameAnswer()
    {
    }

    /// <inheritdoc/>
    public Proto.TranscodeData Answer(RepeatedSegment segment) => segment.Previous.Data.Clone();
}
