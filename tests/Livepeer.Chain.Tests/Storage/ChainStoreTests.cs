using System.Text;
using Livepeer.Chain.Storage;
using Livepeer.Core;
using Livepeer.Core.Crypto;

namespace Livepeer.Chain.Tests.Storage;

public sealed class ChainStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chainstore-").FullName;
    private string DbPath => Path.Combine(_dir, "chain.db");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal static StoredBlock MakeBlock(long number, Hash parent, int txCount, ulong firstNonce = 0, byte[]? snapshot = null)
    {
        var sender = new Address(Enumerable.Repeat((byte)7, 20).ToArray());
        var txs = Enumerable.Range(0, txCount).Select(i =>
        {
            var raw = Encoding.UTF8.GetBytes($"tx {number}/{i}");
            var events = i % 2 == 0 ? new[] { new StoredEvent("Bond", $"{{\"n\":{i}}}"), new StoredEvent("Transfer", "{}") } : [];
            var receipt = i % 3 == 2 ? new StoredReceipt(false, "InsufficientBalance: 5 < 7", []) : new StoredReceipt(true, null, events);
            return new StoredTransaction(Keccak256.Hash(raw), sender, firstNonce + (ulong)i, raw, receipt);
        }).ToList();
        var hash = Keccak256.Hash(Encoding.UTF8.GetBytes($"block {number} {parent}"));
        return new StoredBlock(number, hash, parent, 1_700_000_000 + number, Keccak256.Hash(hash.ToArray()), txs, snapshot);
    }

    [Fact]
    public void AppendsAndReadsBackBlocksTransactionsReceiptsAndEvents()
    {
        using var store = ChainStore.Open(DbPath);
        Assert.Null(store.Head());
        var genesis = MakeBlock(0, Hash.Zero, 0);
        store.Append(genesis);
        var b1 = MakeBlock(1, genesis.Hash, 4);
        store.Append(b1);

        Assert.Equal((1L, b1.Hash), store.Head());
        var read = store.GetBlock(1)!;
        Assert.Equal(b1.StateHash, read.StateHash);
        Assert.Equal(b1.Transactions.Select(t => t.Hash), read.Transactions.Select(t => t.Hash));
        Assert.Equal("InsufficientBalance: 5 < 7", read.Transactions[2].Receipt.Error);
        Assert.False(read.Transactions[2].Receipt.Success);
        Assert.Equal(["Bond", "Transfer"], read.Transactions[0].Receipt.Events.Select(e => e.Name));

        var found = store.GetTransaction(b1.Transactions[3].Hash)!.Value;
        Assert.Equal((1L, 3), (found.BlockNumber, found.Index));
        Assert.Equal(b1.Transactions[3].Raw, found.Transaction.Raw);
        Assert.Null(store.GetTransaction(Hash.Zero));
        Assert.Equal(4UL, store.NextNonce(b1.Transactions[0].Sender));
        Assert.Equal(0UL, store.NextNonce(Address.Zero));
        Assert.Equal(1L, store.GetBlockNumber(b1.Hash));
    }

    [Fact]
    public void LogsFilterByRangeAndName()
    {
        using var store = ChainStore.Open(DbPath);
        var parent = Hash.Zero;
        for (var n = 0; n < 5; n++)
        {
            var b = MakeBlock(n, parent, 3, (ulong)(n * 3));
            store.Append(b);
            parent = b.Hash;
        }
        // Each block: tx0 emits Bond+Transfer, tx1 nothing, tx2 failed.
        Assert.Equal(10, store.GetLogs(0, 4).Count);
        var bonds = store.GetLogs(1, 3, ["Bond"]);
        Assert.Equal(3, bonds.Count);
        Assert.All(bonds, l => Assert.Equal("Bond", l.Event.Name));
        Assert.Equal([1L, 2L, 3L], bonds.Select(l => l.BlockNumber));
        Assert.Equal(2, store.GetLogs(0, 4, limit: 2).Count);
    }

    [Fact]
    public void RefusesABlockThatDoesNotExtendTheHeadAndChangesNothing()
    {
        using var store = ChainStore.Open(DbPath);
        var genesis = MakeBlock(0, Hash.Zero, 0);
        store.Append(genesis);
        var e1 = Assert.Throws<ChainStoreException>(() => store.Append(MakeBlock(2, genesis.Hash, 1)));
        Assert.Contains("next block must be 1", e1.Message);
        var e2 = Assert.Throws<ChainStoreException>(() => store.Append(MakeBlock(1, Hash.Parse("0x" + new string('1', 64)), 1)));
        Assert.Contains("parent hash", e2.Message);
        Assert.Equal((0L, genesis.Hash), store.Head());
    }

    [Fact]
    public void AFailedAppendRollsBackTheWholeBlock()
    {
        using var store = ChainStore.Open(DbPath);
        var genesis = MakeBlock(0, Hash.Zero, 1);
        store.Append(genesis);
        // Same transaction hash as genesis' only transaction: the unique key fails halfway through the block.
        var bad = MakeBlock(1, genesis.Hash, 2);
        var clash = bad with { Transactions = [bad.Transactions[0], genesis.Transactions[0] with { Nonce = 9 }] };
        Assert.ThrowsAny<Exception>(() => store.Append(clash));
        Assert.Equal(0L, store.Head()!.Value.Number);
        Assert.Null(store.GetTransaction(bad.Transactions[0].Hash));
        Assert.Empty(store.GetLogs(1, 1));
    }

    [Fact]
    public void ReopensWhereItStoppedWithSnapshots()
    {
        Hash head;
        using (var store = ChainStore.Open(DbPath))
        {
            var g = MakeBlock(0, Hash.Zero, 0, snapshot: [1, 2, 3]);
            store.Append(g);
            var b1 = MakeBlock(1, g.Hash, 2);
            store.Append(b1);
            var b2 = MakeBlock(2, b1.Hash, 2, 2, snapshot: [4, 5]);
            store.Append(b2);
            head = b2.Hash;
            store.SetMeta("chain_id", "1337");
        }
        using var reopened = ChainStore.Open(DbPath);
        Assert.Equal((2L, head), reopened.Head());
        Assert.Equal("1337", reopened.GetMeta("chain_id"));
        var latest = reopened.LatestSnapshot()!.Value;
        Assert.Equal(2L, latest.BlockNumber);
        Assert.Equal([4, 5], latest.State);
        var older = reopened.LatestSnapshot(1)!.Value;
        Assert.Equal(0L, older.BlockNumber);
        Assert.Equal([1, 2, 3], older.State);
        Assert.Equal([0L, 1L, 2L], reopened.BlocksFrom(0).Select(b => b.Number));
    }

    [Fact]
    public void KeepsGenesisAndTheNewestSnapshotsOnly()
    {
        using var store = ChainStore.Open(DbPath);
        var parent = Hash.Zero;
        for (var n = 0; n <= 5; n++)
        {
            var block = MakeBlock(n, parent, 1, (ulong)n, snapshot: [(byte)n]);
            store.Append(block);
            parent = block.Hash;
        }
        Assert.Equal([5], store.LatestSnapshot()!.Value.State);
        Assert.Equal(4L, store.LatestSnapshot(4)!.Value.BlockNumber);
        Assert.Equal(0L, store.LatestSnapshot(3)!.Value.BlockNumber);
    }

    [Fact]
    public void RefusesADatabaseFromAnotherSchemaVersion()
    {
        using (var store = ChainStore.Open(DbPath)) store.SetMeta("schema_version", "999");
        var e = Assert.Throws<ChainStoreException>(() => ChainStore.Open(DbPath));
        Assert.Contains("schema version 999", e.Message);
    }

    [Fact]
    public void RefusesAFileThatIsNotADatabase()
    {
        File.WriteAllText(DbPath, new string('x', 4096));
        var e = Assert.Throws<ChainStoreException>(() => ChainStore.Open(DbPath));
        Assert.Contains("Cannot open the chain database", e.Message);
    }
}
