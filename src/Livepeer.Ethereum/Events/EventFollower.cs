using Livepeer.Ethereum.Rpc;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace Livepeer.Ethereum.Events;

/// <summary>How far behind the head an <see cref="EventFollower"/> reads, how much it reads at once, and how often.</summary>
public sealed record EventFollowerOptions
{
    /// <summary>Logs are delivered once their block has this many blocks on top (0: at once). Shallower reorganizations are never seen.</summary>
    public int Confirmations { get; init; } = 6;
    /// <summary>The first block to read when there is no cursor yet.</summary>
    public long StartBlock { get; init; }
    /// <summary>The most blocks one eth_getLogs covers.</summary>
    public long MaxBlocksPerQuery { get; init; } = 2_000;
    /// <summary>How many blocks back a deeper reorganization is still repaired (delivered logs are remembered that long).</summary>
    public long ReorgWindow { get; init; } = 128;
    /// <summary>The wait between polls in <see cref="EventFollower.RunAsync"/>.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);
}

/// <summary>One log, where it was, and its key: its transaction and its position among that transaction's logs (stable when a reorganization moves the transaction to another block).</summary>
public sealed record FollowedLog(FilterLog Log, long BlockNumber, string BlockHash, string TransactionHash, string Key);

/// <summary>A log delivered earlier that a reorganization deeper than the confirmations took off the chain: its key and old block.</summary>
public sealed record RemovedLog(string Key, long BlockNumber);

/// <summary>What a poll found: logs to apply, and logs delivered earlier that are no longer on the chain.</summary>
public sealed record EventBatch(IReadOnlyList<FollowedLog> Added, IReadOnlyList<RemovedLog> Removed);

/// <summary>
/// Follows contract events with eth_getLogs from a persisted cursor. A log is delivered once its block is
/// <see cref="EventFollowerOptions.Confirmations"/> deep; a reorganization deeper than that is detected from the
/// blocks' hashes, the cursor rewinds to where the chains forked, and the new branch is read again: logs already
/// delivered (same key) are not delivered again, and delivered logs that are gone are reported in
/// <see cref="EventBatch.Removed"/>. The cursor is saved after the consumer returns, so a crash in between delivers
/// that batch again (consumers keep <see cref="FollowedLog.Key"/> to stay idempotent).
/// </summary>
public sealed class EventFollower(EthereumRpc rpc, IReadOnlyList<string> addresses, IReadOnlyList<string>? topic0s, string cursorPath, EventFollowerOptions? options = null)
{
    private readonly EventFollowerOptions _options = options ?? new EventFollowerOptions();
    private EventCursor? _cursor;

    /// <summary>Reads what is newly confirmed, hands it to <paramref name="consume"/> (when not empty) and saves the cursor; returns the batch.</summary>
    public async Task<EventBatch> PollAsync(Func<EventBatch, CancellationToken, Task> consume, CancellationToken ct = default)
    {
        var cursor = _cursor ??= EventCursor.Load(cursorPath, _options.StartBlock);
        var removed = await RewindAfterReorganizationAsync(cursor, ct).ConfigureAwait(false);

        var safe = await rpc.BlockNumberAsync(ct).ConfigureAwait(false) - _options.Confirmations;
        var added = new List<FollowedLog>();
        var delivered = cursor.Delivered.Select(d => d.Key).ToHashSet(StringComparer.Ordinal);
        var orphaned = removed.ToDictionary(r => r.Key, StringComparer.Ordinal);
        var last = (Number: cursor.NextBlock - 1, Hash: (string?)null);
        for (var from = cursor.NextBlock; from <= safe; from += _options.MaxBlocksPerQuery)
        {
            var to = Math.Min(safe, from + _options.MaxBlocksPerQuery - 1);
            var logs = await rpc.LogsAsync(Filter(from, to), ct).ConfigureAwait(false);
            foreach (var log in Keyed(logs))
            {
                // A log the consumer already has (its transaction moved to the new branch) is neither removed nor added again.
                if (orphaned.Remove(log.Key)) continue;
                if (!delivered.Add(log.Key)) continue;
                added.Add(log);
            }
            last = (to, null);
        }
        if (last.Number >= cursor.NextBlock)
        {
            var block = await rpc.GetBlockJsonAsync(last.Number, ct).ConfigureAwait(false);
            last.Hash = (string?)block?["hash"];
        }

        var batch = new EventBatch(added, orphaned.Values.ToList());
        if (batch.Added.Count > 0 || batch.Removed.Count > 0) await consume(batch, ct).ConfigureAwait(false);

        Advance(cursor, batch, last.Number, last.Hash);
        cursor.Save(cursorPath);
        return batch;
    }

    /// <summary>Polls until cancelled.</summary>
    public async Task RunAsync(Func<EventBatch, CancellationToken, Task> consume, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await PollAsync(consume, ct).ConfigureAwait(false);
            await Task.Delay(_options.PollInterval, ct).ConfigureAwait(false);
        }
    }

    /// <summary>When a block the cursor saw has another hash now, rewinds to the newest one that did not change; returns the delivered logs past it.</summary>
    private async Task<IReadOnlyList<RemovedLog>> RewindAfterReorganizationAsync(EventCursor cursor, CancellationToken ct)
    {
        long? ancestor = null;
        for (var i = cursor.Checkpoints.Count - 1; i >= 0; i--)
        {
            var checkpoint = cursor.Checkpoints[i];
            var block = await rpc.GetBlockJsonAsync(checkpoint.Number, ct).ConfigureAwait(false);
            if ((string?)block?["hash"] == checkpoint.Hash)
            {
                if (i == cursor.Checkpoints.Count - 1) return []; // the newest block seen is unchanged: no reorganization
                ancestor = checkpoint.Number;
                break;
            }
        }
        // No checkpoint survived: the fork is at or below the window's edge, the furthest a rewind reaches.
        var forkBase = ancestor ?? cursor.Checkpoints.FirstOrDefault()?.Number - 1;
        if (forkBase is not { } fork) return [];

        var gone = cursor.Delivered.Where(d => d.Block > fork).Select(d => new RemovedLog(d.Key, d.Block)).ToList();
        cursor.Delivered.RemoveAll(d => d.Block > fork);
        cursor.Checkpoints.RemoveAll(c => c.Number > fork);
        cursor.NextBlock = Math.Min(cursor.NextBlock, fork + 1);
        return gone;
    }

    private void Advance(EventCursor cursor, EventBatch batch, long lastBlock, string? lastHash)
    {
        foreach (var log in batch.Added)
        {
            cursor.Delivered.Add(new DeliveredLog(log.Key, log.BlockNumber));
            if (!cursor.Checkpoints.Any(c => c.Number == log.BlockNumber)) cursor.Checkpoints.Add(new BlockCheckpoint(log.BlockNumber, log.BlockHash));
        }
        if (lastHash is not null)
        {
            cursor.Checkpoints.RemoveAll(c => c.Number == lastBlock);
            cursor.Checkpoints.Add(new BlockCheckpoint(lastBlock, lastHash));
            cursor.NextBlock = lastBlock + 1;
        }
        cursor.Checkpoints.Sort((a, b) => a.Number.CompareTo(b.Number));
        var horizon = cursor.NextBlock - _options.ReorgWindow;
        cursor.Delivered.RemoveAll(d => d.Block < horizon);
        // Keep the newest checkpoint below the horizon: it anchors a rewind that reaches the window's edge.
        var anchor = cursor.Checkpoints.LastOrDefault(c => c.Number < horizon);
        cursor.Checkpoints.RemoveAll(c => c.Number < horizon && c != anchor);
    }

    private NewFilterInput Filter(long from, long to)
    {
        var filter = new NewFilterInput
        {
            FromBlock = new BlockParameter(new HexBigInteger(from)),
            ToBlock = new BlockParameter(new HexBigInteger(to)),
            Address = addresses.ToArray(),
        };
        if (topic0s is { Count: > 0 }) filter.Topics = [topic0s.ToArray()];
        return filter;
    }

    private static IEnumerable<FollowedLog> Keyed(FilterLog[] logs)
    {
        var ordinals = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var log in logs.OrderBy(l => l.BlockNumber.Value).ThenBy(l => l.LogIndex.Value))
        {
            var ordinal = ordinals[log.TransactionHash] = ordinals.GetValueOrDefault(log.TransactionHash, -1) + 1;
            yield return new FollowedLog(log, (long)log.BlockNumber.Value, log.BlockHash, log.TransactionHash, $"{log.TransactionHash}:{ordinal}");
        }
    }
}
