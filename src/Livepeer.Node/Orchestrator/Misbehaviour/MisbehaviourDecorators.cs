using Livepeer.Core.Crypto;
using Livepeer.Node.Orchestrator.Results;
using Microsoft.Extensions.Logging;

namespace Livepeer.Node.Orchestrator.Misbehaviour;

/// <summary>
/// Puts a test orchestrator's cheat around the honest part it corrupts, where the orchestrator is built, so the request
/// path (<see cref="OrchestratorCore"/>) knows nothing of cheating. For <see cref="Misbehaviour.None"/> every part is the honest one.
/// </summary>
public static class MisbehaviourDecorators
{
    /// <summary>The transcoder, wrapped by <see cref="MisbehavingTranscoder"/> when the cheat is in the renditions.</summary>
    public static IOrchestratorTranscoder Transcoder(IOrchestratorTranscoder honest, Misbehaviour misbehaviour) => misbehaviour switch
    {
        Misbehaviour.TamperVideo or Misbehaviour.WrongPixels => new MisbehavingTranscoder(honest, misbehaviour),
        Misbehaviour.None or Misbehaviour.Equivocate => honest,
        _ => throw new ArgumentOutOfRangeException(nameof(misbehaviour), misbehaviour, "unknown misbehaviour"),
    };

    /// <summary>The answer to segments sent again, wrapped by <see cref="EquivocatingAnswer"/> when the cheat is a second answer.</summary>
    public static IRepeatedSegmentAnswer RepeatedAnswers(Misbehaviour misbehaviour, PrivateKey key, ILogger logger) => misbehaviour switch
    {
        Misbehaviour.Equivocate => new EquivocatingAnswer(SameAnswer.Instance, new ResultSigner(key), logger),
        Misbehaviour.None or Misbehaviour.TamperVideo or Misbehaviour.WrongPixels => SameAnswer.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(misbehaviour), misbehaviour, "unknown misbehaviour"),
    };

    /// <summary>Warns, loudly, that this orchestrator cheats (nothing for an honest one).</summary>
    public static void Announce(Misbehaviour misbehaviour, PrivateKey key, ILogger logger)
    {
        if (misbehaviour != Misbehaviour.None) logger.Misbehaves(key.Address, misbehaviour);
    }
}
