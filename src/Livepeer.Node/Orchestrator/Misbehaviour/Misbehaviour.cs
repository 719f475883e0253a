namespace Livepeer.Node.Orchestrator.Misbehaviour;

/// <summary>
/// How a test orchestrator cheats (never for production: the CLI refuses it unless LIVEPEER_ALLOW_MISBEHAVIOUR=1), so the
/// verification and slashing paths can be exercised end to end.
/// </summary>
public enum Misbehaviour
{
    /// <summary>Honest.</summary>
    None,
    /// <summary>Renditions are re-encoded with black frames: they decode and have the right size, but are not the source.</summary>
    TamperVideo,
    /// <summary>Claims (and charges) twice the pixels it produced.</summary>
    WrongPixels,
    /// <summary>Answers a segment it already answered with a different result, validly signed.</summary>
    Equivocate,
}
