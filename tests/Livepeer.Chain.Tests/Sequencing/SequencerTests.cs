using Livepeer.Chain.Sequencing;
using Livepeer.Chain.Storage;
using Livepeer.Core;
using Microsoft.Extensions.Time.Testing;

namespace Livepeer.Chain.Tests.Sequencing;

public sealed class SequencerTests : IDisposable
{
    private static readonly Address Alice = Address.Parse("0x00000000000000000000000000000000000a11ce");
    private static readonly Address Bob = Address.Parse("0x0000000000000000000000000000000000000b0b");
    private readonly string _dir = Directory.CreateTempSubdirectory("sequencer-").FullName;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
    private readonly List<ChainStore> _stores = [];

    public void Dispose()
    {
        foreach (var s in _stores) s.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private (Sequencer Sequencer, CounterStateMachine State, ChainStore Store) Boot(SequencerOptions? options = null)
    {
        var store = ChainStore.Open(Path.Combine(_dir, "chain.db"));
        _stores.Add(store);
        var state = new CounterStateMachine();
        var sequencer = new Sequencer(store, state, state, options ?? new SequencerOptions { SnapshotInterval = 4 }, _time);
        sequencer.Start();
        return (sequencer, state, store);
    }

    [Fact]
    public void WritesGenesisThenSealsAdmittedTransactionsIntoBlocks()
    {
        var (seq, state, store) = Boot();
        Assert.Equal((0L, store.GetBlock(0)!.Hash), store.Head());
        Assert.Equal(1L, seq.PendingBlockNumber);

        var admitted = seq.Submit(CounterStateMachine.Raw(Alice, 0, 5));
        Assert.Equal(1L, admitted.PendingBlockNumber);
        Assert.Equal("Counted", admitted.Outcome.Events.Single().Name);
        seq.Submit(CounterStateMachine.Raw(Alice, 1, -2));
        Assert.Equal(2, seq.PendingCount);

        var block = seq.SealBlock();
        Assert.Equal(1L, block.Number);
        Assert.Equal(store.GetBlock(0)!.Hash, block.ParentHash);
        Assert.Equal(2, store.GetBlock(1)!.Transactions.Count);
        Assert.Equal(state.StateHash(), block.StateHash);
        Assert.Equal(3, state.Value(Alice));
        Assert.Equal(2UL, store.NextNonce(Alice));
        Assert.Equal(0, seq.PendingCount);
    }

    [Fact]
    public void OneSenderCannotFillTheOpenBlock()
    {
        var (seq, state, _) = Boot(new SequencerOptions { SnapshotInterval = 4, MaxPendingPerSender = 3 });
        for (ulong n = 0; n < 3; n++) seq.Submit(CounterStateMachine.Raw(Alice, n, 1));
        var before = state.StateHash();
        var refused = Assert.Throws<TransactionRejectedException>(() => seq.Submit(CounterStateMachine.Raw(Alice, 3, 1)));
        Assert.Equal("SenderPendingLimit", refused.Reason);
        Assert.Contains("MaxPendingPerSender", refused.Message);
        Assert.Equal(before, state.StateHash());
        seq.Submit(CounterStateMachine.Raw(Bob, 0, 1)); // others are not held up
        seq.SealBlock();
        seq.Submit(CounterStateMachine.Raw(Alice, 3, 1)); // and the next block takes Alice's again
        Assert.Equal(1, seq.PendingCount);
    }

    [Fact]
    public void RefusedTransactionsCarryTheirReasonAndChangeNothing()
    {
        var (seq, state, _) = Boot();
        seq.Submit(CounterStateMachine.Raw(Alice, 0, 1));
        var before = state.StateHash();

        var low = Assert.Throws<TransactionRejectedException>(() => seq.Submit(CounterStateMachine.Raw(Alice, 0, 1)));
        Assert.Equal("NonceTooLow", low.Reason);
        var gap = Assert.Throws<TransactionRejectedException>(() => seq.Submit(CounterStateMachine.Raw(Alice, 5, 1)));
        Assert.Equal("NonceGap", gap.Reason);
        Assert.Contains("next nonce is 1", gap.Message);
        var broke = Assert.Throws<TransactionRejectedException>(() => seq.Submit(CounterStateMachine.Raw(Bob, 0, -1)));
        Assert.Equal("InsufficientBalance", broke.Reason);
        var junk = Assert.Throws<TransactionRejectedException>(() => seq.Submit("not json"u8.ToArray()));
        Assert.Equal("Malformed", junk.Reason);

        Assert.Equal(before, state.StateHash());
        Assert.Equal(1, seq.PendingCount);
        Assert.Single(seq.SealBlock().Transactions);
    }

    [Fact]
    public async Task WaitersLearnOfInclusionWhenTheBlockIsSealed()
    {
        var (seq, _, _) = Boot();
        var admitted = seq.Submit(CounterStateMachine.Raw(Alice, 0, 1));
        var wait = seq.WaitForInclusionAsync(admitted.Hash, CancellationToken.None);
        Assert.False(wait.IsCompleted);
        seq.SealBlock();
        var (block, receipt) = await wait;
        Assert.Equal(1L, block);
        Assert.True(receipt.Success);
        // Already included: answered from the store.
        Assert.Equal(1L, (await seq.WaitForInclusionAsync(admitted.Hash, CancellationToken.None)).Block);
        Assert.Throws<KeyNotFoundException>(() => { _ = seq.WaitForInclusionAsync(Hash.Zero, CancellationToken.None); });
    }

    [Fact]
    public void RestartRestoresTheSnapshotAndReplaysLaterBlocks()
    {
        Hash stateHash;
        long head;
        {
            var (seq, state, _) = Boot();
            ulong nonce = 0;
            for (var b = 0; b < 10; b++)
            {
                seq.Submit(CounterStateMachine.Raw(Alice, nonce++, 3));
                seq.SealBlock();
            }
            seq.Submit(CounterStateMachine.Raw(Alice, nonce, 3)); // admitted but never sealed: lost, as it was never acknowledged as included
            stateHash = state.StateHash();
            head = seq.PendingBlockNumber - 1;
            _stores[0].Dispose();
            _stores.Clear();
        }
        var (again, restored, store) = Boot();
        Assert.Equal(head, store.Head()!.Value.Number);
        Assert.Equal(30, restored.Value(Alice));
        Assert.Equal(store.GetBlock(head)!.StateHash, restored.StateHash());
        Assert.NotEqual(stateHash, restored.StateHash());
        Assert.Equal(10UL, restored.NextNonce(Alice));
        again.Submit(CounterStateMachine.Raw(Alice, 10, 1));
        Assert.Equal(head + 1, again.SealBlock().Number);
    }

    [Fact]
    public void BusyBlocksTakeASnapshotEveryFewTransactionsSoARestartReplaysLittle()
    {
        var options = new SequencerOptions { SnapshotInterval = 1000, SnapshotTransactionInterval = 5 };
        ulong nonce = 0;
        void SealThree(Sequencer seq)
        {
            for (var i = 0; i < 3; i++) seq.Submit(CounterStateMachine.Raw(Alice, nonce++, 1));
            seq.SealBlock();
        }
        {
            var (seq, _, store) = Boot(options);
            for (var b = 0; b < 5; b++) SealThree(seq); // 3, 6 -> snapshot at 2, 3, 6 -> snapshot at 4, 3
            Assert.Equal(4L, store.LatestSnapshot()!.Value.BlockNumber);
            _stores[0].Dispose();
            _stores.Clear();
        }
        var (again, restored, reopened) = Boot(options);
        Assert.Equal(15, restored.Value(Alice));
        Assert.Equal(reopened.GetBlock(5)!.StateHash, restored.StateHash());
        // The restart counted block 5's three transactions as not yet snapshotted: three more reach the interval.
        SealThree(again);
        Assert.Equal(6L, reopened.LatestSnapshot()!.Value.BlockNumber);
    }

    [Fact]
    public void SealsEarlyWhenTheBlockIsFull()
    {
        var (seq, _, store) = Boot(new SequencerOptions { MaxTransactionsPerBlock = 3 });
        for (ulong n = 0; n < 7; n++) seq.Submit(CounterStateMachine.Raw(Alice, n, 1));
        Assert.Equal(2L, store.Head()!.Value.Number);
        Assert.Equal(1, seq.PendingCount);
    }

    [Fact]
    public async Task SealsABlockEveryBlockTimeAndNotifiesSubscribers()
    {
        var (seq, _, store) = Boot(new SequencerOptions { BlockTime = TimeSpan.FromSeconds(2) });
        using var cts = new CancellationTokenSource();
        var blocks = seq.Subscribe(cts.Token);
        var run = seq.RunAsync(cts.Token);
        for (var i = 0; i < 3; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(2));
            var block = await blocks.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(i + 1, block.Number);
        }
        await cts.CancelAsync();
        await run;
        Assert.Equal(3L, store.Head()!.Value.Number);
        // A block's timestamp is fixed when it opens (transactions execute against it), i.e. when block 2 was sealed.
        Assert.Equal(1_700_000_004L, store.GetBlock(3)!.Timestamp);
    }

    [Fact]
    public void ADivergentReplayIsRefusedWithAClearError()
    {
        {
            var (seq, _, store) = Boot(new SequencerOptions { SnapshotInterval = 1000 });
            seq.Submit(CounterStateMachine.Raw(Alice, 0, 1));
            seq.SealBlock();
            store.Dispose();
            _stores.Clear();
        }
        // Tamper with the recorded state hash of block 1, as a different protocol version would produce.
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_dir, "chain.db")}"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE blocks SET state_hash = zeroblob(32) WHERE number = 1";
            cmd.ExecuteNonQuery();
        }
        var e = Assert.Throws<ChainStoreException>(() => Boot());
        Assert.Contains("Replaying block 1", e.Message);
    }

    [Fact]
    public void OptionsAreValidated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SequencerOptions { BlockTime = TimeSpan.Zero }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SequencerOptions { MaxTransactionsPerBlock = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SequencerOptions { SnapshotInterval = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SequencerOptions { SnapshotTransactionInterval = 0 }.Validate());
    }
}
