namespace Livepeer.Protocol.State;

/// <summary>
/// The undo log of one call: every write to the state records how to take it back, so a failed call can be
/// rolled back exactly without cloning the state.
/// </summary>
public sealed class Journal
{
    private readonly List<Action> _undo = new(64);

    /// <summary>True while a call is being applied; writes outside a call (genesis, decoding) are not journaled.</summary>
    public bool IsRecording { get; private set; }

    internal void Begin()
    {
        if (IsRecording) throw new InvalidOperationException("A call is already being applied to this state.");
        _undo.Clear();
        IsRecording = true;
    }

    internal void Record(Action undo)
    {
        if (IsRecording) _undo.Add(undo);
    }

    internal void Commit()
    {
        _undo.Clear();
        IsRecording = false;
    }

    internal void Rollback()
    {
        for (var i = _undo.Count - 1; i >= 0; i--) _undo[i]();
        _undo.Clear();
        IsRecording = false;
    }
}
