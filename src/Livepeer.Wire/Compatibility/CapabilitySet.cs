using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Wire.Compatibility;

/// <summary>
/// A set of capabilities as go-livepeer's bitstring (repeated uint64, capability n = bit n % 64 of word n / 64), with
/// its compatibility rule: a job fits an orchestrator when the job's bits hold every orchestrator mandatory and the
/// orchestrator's bits hold every job bit (a job bitstring longer than the orchestrator's never fits, as in go).
/// </summary>
public sealed class CapabilitySet
{
    private readonly ulong[] _words;

    private CapabilitySet(ulong[] words) => _words = words;

    /// <summary>The empty set.</summary>
    public static CapabilitySet Empty { get; } = new([]);

    /// <summary>A set of the given capabilities.</summary>
    public static CapabilitySet Of(IEnumerable<Capability> capabilities)
    {
        var words = new List<ulong>();
        foreach (var c in capabilities)
        {
            var n = (int)c;
            ArgumentOutOfRangeException.ThrowIfNegative(n);
            while (words.Count <= n / 64) words.Add(0);
            words[n / 64] |= 1UL << (n % 64);
        }
        return new CapabilitySet([.. words]);
    }

    /// <summary>A set of the given capabilities.</summary>
    public static CapabilitySet Of(params Capability[] capabilities) => Of((IEnumerable<Capability>)capabilities);

    /// <summary>The set a bitstring field holds.</summary>
    public static CapabilitySet FromBitstring(IEnumerable<ulong> words) => new([.. words]);

    /// <summary>The bitstring words.</summary>
    public IReadOnlyList<ulong> Words => _words;

    /// <summary>True when the set holds <paramref name="capability"/>.</summary>
    public bool Contains(Capability capability)
    {
        var n = (int)capability;
        return n / 64 < _words.Length && (_words[n / 64] & 1UL << (n % 64)) != 0;
    }

    /// <summary>The capabilities in the set, in number order.</summary>
    public IEnumerable<Capability> Members()
    {
        for (var w = 0; w < _words.Length; w++)
            for (var b = 0; b < 64; b++)
                if ((_words[w] & 1UL << b) != 0) yield return (Capability)(w * 64 + b);
    }

    /// <summary>go's CapabilityString.CompatibleWith: every bit of this set is in <paramref name="other"/>, and this set is no longer.</summary>
    public bool IsSubsetOf(CapabilitySet other)
    {
        if (_words.Length > other._words.Length) return false;
        for (var i = 0; i < _words.Length; i++)
            if ((_words[i] & other._words[i]) != _words[i]) return false;
        return true;
    }

    /// <summary>The capabilities of this set missing from <paramref name="other"/>.</summary>
    public IEnumerable<Capability> Except(CapabilitySet other) => Members().Where(c => !other.Contains(c));

    /// <summary>go's job-to-orchestrator rule: the job holds the orchestrator's mandatories and the orchestrator holds the job.</summary>
    public static bool JobFits(CapabilitySet job, Proto.Capabilities? orchestrator) =>
        orchestrator is not null && FromBitstring(orchestrator.Mandatories).IsSubsetOf(job) && job.IsSubsetOf(FromBitstring(orchestrator.Bitstring));

    /// <inheritdoc />
    public override string ToString() => string.Join(",", Members());
}
