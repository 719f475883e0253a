using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Orchestrator.Results;

/// <summary>The answer stage for a segment sent again that was answered already.</summary>
public interface IRepeatedSegmentAnswer
{
    /// <summary>The transcode data to send for <paramref name="segment"/>.</summary>
    Proto.TranscodeData Answer(RepeatedSegment segment);
}
