using Livepeer.Chain.Execution;
using Livepeer.Chain.Sequencing;
using Livepeer.Chain.Storage;
using Livepeer.Chain.Transactions;
using Livepeer.Core;
using Livepeer.Protocol.State;

namespace Livepeer.Chain.Tests.Crash;

/// <summary>What a fresh replay of a stored chain from genesis found.</summary>
/// <param name="Head">The newest block.</param>
/// <param name="StateHash">The state hash after replaying every block.</param>
/// <param name="NextNonces">Each sender's next nonce after the replay.</param>
/// <param name="Included">Every included transaction hash with its block number.</param>
internal sealed record ReplayResult(StoredBlock Head, Hash StateHash, IReadOnlyDictionary<Address, ulong> NextNonces, IReadOnlyDictionary<Hash, long> Included);

/// <summary>
/// Replays a chain database from genesis with a new executor and the same codec, independently of the sequencer:
/// every block's recorded state hash must be what re-executing its raw transactions gives.
/// </summary>
internal static class ChainReplay
{
    /// <summary>Copies the database (and its WAL) so the check never touches the node's files, then replays the copy.</summary>
    public static ReplayResult FromCopy(string databasePath, string workDirectory, ProtocolState genesis, TransactionCodec codec)
    {
        Directory.CreateDirectory(workDirectory);
        var copy = Path.Combine(workDirectory, "chain.db");
        foreach (var suffix in new[] { "", "-wal" })
        {
            File.Delete(copy + suffix);
            if (File.Exists(databasePath + suffix)) File.Copy(databasePath + suffix, copy + suffix);
        }
        File.Delete(copy + "-shm");
        using var store = ChainStore.Open(copy);
        return Replay(store, genesis, codec);
    }

    private static ReplayResult Replay(ChainStore store, ProtocolState genesis, TransactionCodec codec)
    {
        var executor = new ProtocolExecutor(genesis.Clone()); // execution mutates the state it is given
        var included = new Dictionary<Hash, long>();
        var senders = new HashSet<Address>();
        var head = store.GetBlock(0) ?? throw new Xunit.Sdk.XunitException("The store has no genesis block.");
        Assert.Equal(executor.StateHash(), head.StateHash);
        foreach (var block in store.BlocksFrom(1))
        {
            Assert.Equal(head.Hash, block.ParentHash);
            var context = new PendingBlockContext(block.Number, block.ParentHash, block.Timestamp);
            foreach (var stored in block.Transactions)
            {
                var tx = codec.Decode(stored.Raw);
                Assert.Equal(stored.Hash, tx.Hash);
                Assert.Equal(stored.Sender, tx.Sender);
                Assert.Equal(executor.NextNonce(tx.Sender), tx.Nonce);
                var outcome = executor.Execute(context, tx);
                Assert.True(outcome.Success, $"Block {block.Number}: {tx.Hash} fails on replay: {outcome.Error}");
                Assert.Equal(stored.Receipt.Events, outcome.Events);
                included.Add(tx.Hash, block.Number);
                senders.Add(tx.Sender);
            }
            var stateHash = executor.StateHash();
            if (stateHash != block.StateHash)
                throw new Xunit.Sdk.XunitException($"Replaying block {block.Number} from genesis gives state {stateHash}; the block recorded {block.StateHash}.");
            head = block;
        }
        return new ReplayResult(head, executor.StateHash(), senders.ToDictionary(s => s, executor.NextNonce), included);
    }
}
