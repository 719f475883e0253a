namespace Livepeer.Protocol.Bonding;

/// <summary>Livepeer's delegator statuses.</summary>
public enum DelegatorStatus
{
    /// <summary>Nothing bonded.</summary>
    Unbonded = 0,
    /// <summary>Bonded, counting from a future round.</summary>
    Pending = 1,
    /// <summary>Bonded and counting.</summary>
    Bonded = 2,
}
