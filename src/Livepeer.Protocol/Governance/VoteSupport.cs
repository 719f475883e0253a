namespace Livepeer.Protocol.Governance;

/// <summary>A vote's choice (OpenZeppelin Governor numbering).</summary>
public enum VoteSupport
{
    Against = 0,
    For = 1,
    Abstain = 2,
}
