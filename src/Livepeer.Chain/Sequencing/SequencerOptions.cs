namespace Livepeer.Chain.Sequencing;

/// <summary>How the single sequencer produces blocks.</summary>
public sealed class SequencerOptions
{
    /// <summary>A block is sealed at least this often, even when empty (rounds follow block numbers).</summary>
    public TimeSpan BlockTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A block is sealed early when it holds this many transactions.</summary>
    public int MaxTransactionsPerBlock { get; set; } = 10_000;

    /// <summary>Transactions one sender may have in the open block; more are refused (SenderPendingLimit) until it is sealed.</summary>
    public int MaxPendingPerSender { get; set; } = 1_000;

    /// <summary>A state snapshot is stored every this many blocks, bounding replay on restart.</summary>
    public int SnapshotInterval { get; set; } = 256;

    /// <summary>
    /// A state snapshot is also stored once this many transactions were sealed since the last one, so a busy chain's
    /// restart replays at most about this many transactions, however big its blocks are.
    /// </summary>
    public int SnapshotTransactionInterval { get; set; } = 10_000;

    /// <summary>Throws when an option is out of range, naming it.</summary>
    public void Validate()
    {
        if (BlockTime < TimeSpan.FromMilliseconds(10) || BlockTime > TimeSpan.FromHours(1))
            throw new ArgumentOutOfRangeException(nameof(BlockTime), BlockTime, "Block time must be between 10 ms and 1 hour.");
        if (MaxTransactionsPerBlock is < 1 or > 1_000_000)
            throw new ArgumentOutOfRangeException(nameof(MaxTransactionsPerBlock), MaxTransactionsPerBlock, "Must be between 1 and 1,000,000.");
        if (MaxPendingPerSender is < 1 or > 1_000_000)
            throw new ArgumentOutOfRangeException(nameof(MaxPendingPerSender), MaxPendingPerSender, "Must be between 1 and 1,000,000.");
        if (SnapshotInterval is < 1 or > 1_000_000)
            throw new ArgumentOutOfRangeException(nameof(SnapshotInterval), SnapshotInterval, "Must be between 1 and 1,000,000.");
        if (SnapshotTransactionInterval is < 1 or > 100_000_000)
            throw new ArgumentOutOfRangeException(nameof(SnapshotTransactionInterval), SnapshotTransactionInterval, "Must be between 1 and 100,000,000.");
    }
}
