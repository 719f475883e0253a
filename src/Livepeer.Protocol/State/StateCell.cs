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

    /// <summary>The current value; setting it is journaled.</summary>
    public T Value
    {
        get => _value;
        set
        {
            var old = _value;
            _journal.Record(() => _value = old);
            _value = value;
        }
    }

    internal void LoadRaw(T value) => _value = value;
}
