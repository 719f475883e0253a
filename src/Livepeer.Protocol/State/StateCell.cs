namespace Livepeer.Protocol.State;

/// <summary>A journaled single value of the protocol state (an immutable record replaced as a whole).</summary>
public sealed class StateCell<T>
{
    private T _value;
    private readonly Journal _journal;

    internal StateCell(Journal journal, T initial)
    {
        _journal = journal;
        _value = initial;
    }

    /// <summary>The current value; only the engine sets it (journaled).</summary>
    public T Value
    {
        get => _value;
        internal set
        {
            var old = _value;
            _journal.Record(() => _value = old);
            _value = value;
        }
    }

    internal void LoadRaw(T value) => _value = value;
}
