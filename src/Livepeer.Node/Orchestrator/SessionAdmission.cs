namespace Livepeer.Node.Orchestrator;

/// <summary>Whether a session may open or continue.</summary>
public enum SessionAdmission
{
    /// <summary>It may (or it is open already).</summary>
    Admitted,
    /// <summary>Every slot is taken.</summary>
    AtCapacity,
    /// <summary>Its sender holds as many sessions as one sender may.</summary>
    SenderLimit,
    /// <summary>The session is open for another sender (a token cannot be borrowed).</summary>
    NotOwner,
}
