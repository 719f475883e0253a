namespace Livepeer.Chain.Sequencing;

/// <summary>The sequencer's log lines (event ids 1200-1209 of Chain's 1200-1399).</summary>
internal static partial class SequencerLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Wrote genesis block {Hash} with state {StateHash}")] public static partial void WroteGenesis(this ILogger logger, Hash hash, Hash stateHash);
    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Resumed at block {Head} from the snapshot at {Snapshot}, replaying {Count} blocks with {Transactions} transactions")] public static partial void Resumed(this ILogger logger, long head, long snapshot, int count, long transactions);
    [LoggerMessage(EventId = 1202, Level = LogLevel.Debug, Message = "Sealed block {Number} with {Count} transactions")] public static partial void SealedBlock(this ILogger logger, long number, int count);
}
