using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Chain.Sequencing;

/// <summary>A transaction admitted into the open block: its hash, the block it will be sealed in, and its outcome.</summary>
public sealed record AdmittedTransaction(Hash Hash, long PendingBlockNumber, ExecutionOutcome Outcome);

/// <summary>
/// The single sequencer. Admission decodes a transaction, checks its nonce and executes it against the open block's
/// state: a refused call never enters a block and changes nothing. Sealing commits the open block, its transactions,
/// events and state hash atomically, then tells the waiters. Restart restores the newest snapshot and replays the blocks
/// after it, checking every block's state hash.
/// </summary>
public sealed class Sequencer
{
    private readonly ChainStore _store;
    private readonly ITransactionExecutor _executor;
    private readonly ITransactionDecoder _decoder;
    private readonly SequencerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private const int ParallelDecodeThreshold = 64;
    private readonly Lock _lock = new();
    private readonly List<StoredTransaction> _pending = [];
    private readonly Dictionary<Address, int> _pendingBySender = [];
    private readonly Dictionary<Hash, TaskCompletionSource<(long Block, StoredReceipt Receipt)>> _waiters = [];
    private readonly List<Channel<StoredBlock>> _subscribers = [];
    private PendingBlockContext _open;
    private long _sealedSinceSnapshot;

    /// <summary>Creates a sequencer; call <see cref="Start"/> before use.</summary>
    public Sequencer(ChainStore store, ITransactionExecutor executor, ITransactionDecoder decoder, SequencerOptions options, TimeProvider time, ILogger<Sequencer>? logger = null)
    {
        options.Validate();
        (_store, _executor, _decoder, _options, _time) = (store, executor, decoder, options, time);
        _logger = logger ?? NullLogger<Sequencer>.Instance;
    }

    /// <summary>Counters moved by admissions and sealing (the hosting ledger's metrics), or null.</summary>
    public Hosting.LedgerMetrics? Metrics { get; set; }

    /// <summary>Number of the block being filled.</summary>
    public long PendingBlockNumber { get { lock (_lock) return _open.Number; } }

    /// <summary>The next nonce a sender must use, counting transactions admitted into the open block.</summary>
    public ulong NextNonce(Address sender) { lock (_lock) return _executor.NextNonce(sender); }

    /// <summary>Reads the state as of the open block (including admitted transactions) without racing admissions.</summary>
    public T Read<T>(Func<PendingBlockContext, T> reader)
    {
        lock (_lock) return reader(_open);
    }

    /// <summary>Transactions waiting in the open block.</summary>
    public int PendingCount { get { lock (_lock) return _pending.Count; } }

    /// <summary>
    /// Recovers from the store (or writes genesis from the executor's current state when the store is empty) and opens
    /// the next block.
    /// </summary>
    public void Start()
    {
        lock (_lock)
        {
            var head = _store.Head();
            if (head is null)
            {
                var stateHash = _executor.StateHash();
                var timestamp = Now();
                var genesis = new StoredBlock(0, BlockHasher.Compute(0, Hash.Zero, timestamp, stateHash, []), Hash.Zero, timestamp, stateHash, [], _executor.Snapshot());
                _store.Append(genesis);
                _logger.WroteGenesis(genesis.Hash, stateHash);
                Open(genesis);
                return;
            }
            var snapshot = _store.LatestSnapshot() ?? throw new ChainStoreException("The chain database has blocks but no state snapshot, not even genesis: it is damaged. Start with a fresh --datadir.");
            _executor.Restore(snapshot.State);
            StoredBlock? last = _store.GetBlock(snapshot.BlockNumber);
            var replayed = 0;
            _sealedSinceSnapshot = 0;
            foreach (var block in _store.BlocksFrom(snapshot.BlockNumber + 1))
            {
                Replay(block);
                last = block;
                replayed++;
                _sealedSinceSnapshot += block.Transactions.Count;
            }
            _logger.Resumed(last!.Number, snapshot.BlockNumber, replayed, _sealedSinceSnapshot);
            Open(last);
        }
    }

    private void Replay(StoredBlock block)
    {
        var context = new PendingBlockContext(block.Number, block.ParentHash, block.Timestamp);
        // Decoding (signature recovery) is independent per transaction and dominates replay: run it on every core;
        // execution stays sequential and in order.
        LedgerTransaction[] decoded;
        try
        {
            decoded = block.Transactions.Count >= ParallelDecodeThreshold
                ? block.Transactions.AsParallel().AsOrdered().Select(t => _decoder.Decode(t.Raw)).ToArray()
                : block.Transactions.Select(t => _decoder.Decode(t.Raw)).ToArray();
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            throw;
        }
        for (var i = 0; i < decoded.Length; i++)
        {
            var stored = block.Transactions[i];
            var outcome = _executor.Execute(context, decoded[i]);
            if (!outcome.Success)
                throw new ChainStoreException($"Replaying block {block.Number}: transaction {stored.Hash} now fails ({outcome.Error}); the database was written by a different protocol version.");
        }
        var stateHash = _executor.StateHash();
        if (stateHash != block.StateHash)
            throw new ChainStoreException($"Replaying block {block.Number} gives state {stateHash}, but the block recorded {block.StateHash}: the database was written by a different protocol version or is damaged.");
    }

    private void Open(StoredBlock parent) => _open = new PendingBlockContext(parent.Number + 1, parent.Hash, Math.Max(Now(), parent.Timestamp));

    /// <summary>Admits a raw signed transaction into the open block, or throws <see cref="TransactionRejectedException"/>.</summary>
    public AdmittedTransaction Submit(byte[] raw)
    {
        try
        {
            var admitted = SubmitChecked(raw);
            Metrics?.TransactionsAdmitted.Inc();
            return admitted;
        }
        catch (TransactionRejectedException e)
        {
            Metrics?.TransactionsRejected.WithLabels(e.Reason).Inc();
            throw;
        }
    }

    private AdmittedTransaction SubmitChecked(byte[] raw)
    {
        var tx = _decoder.Decode(raw); // signature recovery happens outside the lock
        StoredBlock? sealedEarly = null;
        AdmittedTransaction admitted;
        lock (_lock)
        {
            var expected = _executor.NextNonce(tx.Sender);
            if (tx.Nonce < expected) throw new TransactionRejectedException("NonceTooLow", $"Nonce {tx.Nonce} was already used by {tx.Sender}; the next nonce is {expected}.");
            if (tx.Nonce > expected) throw new TransactionRejectedException("NonceGap", $"Nonce {tx.Nonce} leaves a gap for {tx.Sender}; the next nonce is {expected}.");
            var mine = _pendingBySender.GetValueOrDefault(tx.Sender);
            if (mine >= _options.MaxPendingPerSender)
                throw new TransactionRejectedException("SenderPendingLimit", $"{tx.Sender} already has {mine} transactions in the open block, the limit per sender (MaxPendingPerSender); send again after the next block.");
            var outcome = _executor.Execute(_open, tx);
            if (!outcome.Success) throw new TransactionRejectedException(ReasonOf(outcome.Error), outcome.Error ?? "Refused by the protocol.");
            _pending.Add(new StoredTransaction(tx.Hash, tx.Sender, tx.Nonce, raw, new StoredReceipt(true, null, outcome.Events)));
            _pendingBySender[tx.Sender] = mine + 1;
            admitted = new AdmittedTransaction(tx.Hash, _open.Number, outcome);
            if (_pending.Count >= _options.MaxTransactionsPerBlock) sealedEarly = SealLocked();
        }
        if (sealedEarly is not null) Publish(sealedEarly);
        return admitted;
    }

    private static string ReasonOf(string? error) => error is null ? "Refused" : error.Split(':', 2)[0].Trim();

    /// <summary>Seals the open block (even when empty), commits it, and opens the next one.</summary>
    public StoredBlock SealBlock()
    {
        StoredBlock block;
        lock (_lock) block = SealLocked();
        Publish(block);
        return block;
    }

    private StoredBlock SealLocked()
    {
        var stateHash = _executor.StateHash();
        var txs = _pending.ToList();
        var hash = BlockHasher.Compute(_open.Number, _open.ParentHash, _open.Timestamp, stateHash, txs.Select(t => t.Hash));
        var takeSnapshot = _open.Number % _options.SnapshotInterval == 0 || _sealedSinceSnapshot + txs.Count >= _options.SnapshotTransactionInterval;
        var snapshot = takeSnapshot ? _executor.Snapshot() : null;
        var block = new StoredBlock(_open.Number, hash, _open.ParentHash, _open.Timestamp, stateHash, txs, snapshot);
        _store.Append(block);
        _sealedSinceSnapshot = takeSnapshot ? 0 : _sealedSinceSnapshot + txs.Count;
        _pending.Clear();
        _pendingBySender.Clear();
        Open(block);
        Metrics?.BlocksSealed.Inc();
        Metrics?.TransactionsIncluded.Inc(txs.Count);
        return block;
    }

    private void Publish(StoredBlock block)
    {
        List<(TaskCompletionSource<(long, StoredReceipt)> Waiter, StoredReceipt Receipt)> done = [];
        lock (_lock)
        {
            foreach (var tx in block.Transactions)
            {
                if (_waiters.Remove(tx.Hash, out var waiter)) done.Add((waiter, tx.Receipt));
            }
            foreach (var channel in _subscribers) channel.Writer.TryWrite(block);
        }
        foreach (var (waiter, receipt) in done) waiter.TrySetResult((block.Number, receipt));
    }

    /// <summary>Waits until a transaction is in a committed block and returns the block number and receipt.</summary>
    public Task<(long Block, StoredReceipt Receipt)> WaitForInclusionAsync(Hash transactionHash, CancellationToken cancellationToken)
    {
        TaskCompletionSource<(long, StoredReceipt)> waiter;
        lock (_lock)
        {
            if (_store.GetTransaction(transactionHash) is { } found)
                return Task.FromResult((found.BlockNumber, found.Transaction.Receipt));
            if (!_pending.Any(t => t.Hash == transactionHash))
                throw new KeyNotFoundException($"Transaction {transactionHash} is neither pending nor in a block.");
            if (!_waiters.TryGetValue(transactionHash, out waiter!))
            {
                waiter = new TaskCompletionSource<(long, StoredReceipt)>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters[transactionHash] = waiter;
            }
        }
        return waiter.Task.WaitAsync(cancellationToken);
    }

    /// <summary>A stream of sealed blocks from now on; complete it by cancelling <paramref name="cancellationToken"/>.</summary>
    public ChannelReader<StoredBlock> Subscribe(CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<StoredBlock>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_lock) _subscribers.Add(channel);
        cancellationToken.Register(() =>
        {
            lock (_lock) _subscribers.Remove(channel);
            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }

    /// <summary>Seals a block every <see cref="SequencerOptions.BlockTime"/> until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.BlockTime, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var block = SealBlock();
                if (block.Transactions.Count > 0)
                    _logger.SealedBlock(block.Number, block.Transactions.Count);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeSeconds();
}
