using System.Diagnostics;
using System.Numerics;
using Livepeer.Chain.Client;
using Livepeer.Core.Crypto;
using Livepeer.Ethereum.Rpc;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.Model;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Signer;
using Nethereum.Util;

namespace Livepeer.Ethereum.Transactions;

/// <summary>
/// Sends EIP-1559 transactions signed by one account: checks the endpoint's chain id first, estimates gas (a call
/// that would revert is refused with its reason and costs nothing), prices under the operator's cap, takes the next
/// nonce from the account's <see cref="NonceManager"/>, replaces a transaction stuck under a low fee, and waits for
/// its receipt. A refusal is a <see cref="ChainTransactionException"/> whose reason is the <c>ProtocolError</c> name
/// when the revert string means one (see <see cref="RevertReasons"/>).
/// </summary>
public sealed class TransactionSender
{
    private readonly EthereumRpc _rpc;
    private readonly EthECKey _key;
    private readonly NonceManager _nonces;

    /// <summary>A sender for <paramref name="key"/>'s account on chain <paramref name="chainId"/> through <paramref name="rpc"/>.</summary>
    public TransactionSender(EthereumRpc rpc, PrivateKey key, long chainId, GasPolicy? policy = null)
    {
        _rpc = rpc;
        _key = new EthECKey(key.ToArray(), isPrivate: true);
        ChainId = chainId;
        Policy = policy ?? new GasPolicy();
        Account = _key.GetPublicAddress();
        _nonces = NonceManager.For(rpc.Url, chainId, Account);
    }

    /// <summary>The signing account (checksummed).</summary>
    public string Account { get; }
    /// <summary>The chain id this sender signs for and requires of the endpoint.</summary>
    public long ChainId { get; }
    /// <summary>Fees, caps and patience.</summary>
    public GasPolicy Policy { get; }

    /// <summary>Throws <see cref="WrongChainException"/> unless the endpoint reports <see cref="ChainId"/>.</summary>
    public async Task EnsureChainAsync(CancellationToken ct = default)
    {
        var actual = await _rpc.ChainIdAsync(ct).ConfigureAwait(false);
        if (actual != ChainId) throw new WrongChainException(ChainId, actual, _rpc.Url);
    }

    /// <summary>Signs, sends and waits for <paramref name="tx"/>; returns its receipt once it is in a block.</summary>
    public async Task<EthereumReceipt> SendAsync(EthereumTransaction tx, CancellationToken ct = default)
    {
        // Every send checks the chain again: an endpoint behind a load balancer or a restarted node can change.
        await EnsureChainAsync(ct).ConfigureAwait(false);
        var call = new CallInput { From = Account, To = tx.To, Data = tx.Data, Value = new HexBigInteger(tx.Value) };
        var gasLimit = await EstimateGasAsync(call, ct).ConfigureAwait(false);

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var first = await _nonces.SendWithNextNonceAsync(
                    c => _rpc.TransactionCountAsync(Account, "pending", c),
                    async nonce =>
                    {
                        var fees = await CurrentFeesAsync(previous: null, ct).ConfigureAwait(false);
                        var signed = Sign(tx, nonce, gasLimit, fees!.Value);
                        await BroadcastAsync(signed, ct).ConfigureAwait(false);
                        return (nonce, signed);
                    }, ct).ConfigureAwait(false);
                return await AwaitMinedAsync(tx, call, gasLimit, first.nonce, first.signed, ct).ConfigureAwait(false);
            }
            catch (NonceTooLowException) when (attempt == 0)
            {
                // Another process used this account; the manager re-reads the pending count on the retry.
            }
        }
    }

    private async Task<BigInteger> EstimateGasAsync(CallInput call, CancellationToken ct)
    {
        try
        {
            var estimate = await _rpc.EstimateGasAsync(call, ct).ConfigureAwait(false);
            return estimate + estimate * Policy.GasLimitMarginPercent / 100;
        }
        catch (RpcResponseException e)
        {
            throw Refusal(e);
        }
    }

    /// <summary>Fee cap and tip for now; with <paramref name="previous"/>, at least the bump a replacement needs (null when the cap forbids it).</summary>
    private async Task<Fees?> CurrentFeesAsync(Fees? previous, CancellationToken ct)
    {
        var block = await _rpc.GetBlockJsonAsync("latest", ct).ConfigureAwait(false)
            ?? throw new ChainUnavailableException($"The Ethereum node at {_rpc.Url} returned no latest block.");
        var baseFee = block["baseFeePerGas"] is { } b ? new HexBigInteger((string)b!).Value
            : throw new NotSupportedException($"The chain at {_rpc.Url} has no EIP-1559 base fee; this node sends only EIP-1559 transactions.");
        var tip = await _rpc.MaxPriorityFeePerGasAsync(ct).ConfigureAwait(false) ?? Policy.FallbackPriorityFee;
        var maxFee = 2 * baseFee + tip;
        if (previous is { } p)
        {
            var bump = 100 + Policy.ReplacementBumpPercent;
            tip = BigInteger.Max(tip, p.PriorityFee * bump / 100 + 1);
            maxFee = BigInteger.Max(maxFee, BigInteger.Max(p.MaxFee * bump / 100 + 1, baseFee + tip));
        }
        if (Policy.MaxGasPrice is { } cap)
        {
            if (baseFee > cap) throw new GasPriceCapExceededException(cap, baseFee);
            maxFee = BigInteger.Min(maxFee, cap);
            // A replacement must raise both fields by 10 % or nodes refuse it; under the cap that may be impossible.
            if (previous is { } q && maxFee * 10 < q.MaxFee * 11) return null;
        }
        tip = BigInteger.Min(tip, maxFee);
        if (previous is { } r && tip * 10 < r.PriorityFee * 11) tip = BigInteger.Min(r.PriorityFee * 11 / 10 + 1, maxFee);
        return new Fees(maxFee, tip);
    }

    private SignedTransaction Sign(EthereumTransaction tx, ulong nonce, BigInteger gasLimit, Fees fees)
    {
        var unsigned = new Transaction1559(ChainId, nonce, fees.PriorityFee, fees.MaxFee, gasLimit, tx.To, tx.Value, tx.Data, null);
        var raw = "0x" + new Transaction1559Signer().SignTransaction(_key, unsigned);
        var hash = "0x" + Sha3Keccack.Current.CalculateHashFromHex(raw);
        return new SignedTransaction(raw, hash, fees);
    }

    private async Task BroadcastAsync(SignedTransaction signed, CancellationToken ct)
    {
        try
        {
            await _rpc.SendRawTransactionAsync(signed.Raw, ct).ConfigureAwait(false);
        }
        catch (RpcResponseException e)
        {
            var message = e.RpcError?.Message ?? e.Message;
            // A retried request may have reached the node the first time: then it knows the transaction.
            if (message.Contains("already known", StringComparison.OrdinalIgnoreCase)) return;
            if (message.Contains("nonce too low", StringComparison.OrdinalIgnoreCase))
            {
                if (await _rpc.TransactionAsync(signed.Hash, ct).ConfigureAwait(false) is not null) return;
                throw new NonceTooLowException(message);
            }
            if (message.Contains("insufficient funds", StringComparison.OrdinalIgnoreCase))
                throw new ChainTransactionException("InsufficientEth", $"The account {Account} cannot pay for this transaction: {message}");
            throw new ChainTransactionException("Refused", $"The Ethereum node refused the transaction: {message}");
        }
    }

    /// <summary>
    /// Polls for the receipt of any version of the transaction sent with <paramref name="nonce"/>. Rides out an
    /// unreachable node (a restart) until <see cref="GasPolicy.MineTimeout"/>; sends the newest version again when the
    /// node no longer knows it (restarted without its pool, reorganized, evicted); replaces it with a higher fee after
    /// <see cref="GasPolicy.ReplaceAfter"/> while the cap allows, and otherwise keeps waiting under the cap.
    /// </summary>
    private async Task<EthereumReceipt> AwaitMinedAsync(EthereumTransaction tx, CallInput call, BigInteger gasLimit, ulong nonce, SignedTransaction sent, CancellationToken ct)
    {
        var hashes = new List<string> { sent.Hash };
        var latest = sent;
        var started = Stopwatch.StartNew();
        var lastSent = Stopwatch.StartNew();
        var gapPolls = 0;
        while (true)
        {
            try
            {
                foreach (var h in hashes)
                {
                    if (await _rpc.ReceiptAsync(h, ct).ConfigureAwait(false) is { BlockNumber: not null } receipt)
                        return await CompleteAsync(receipt, call, nonce, hashes.Count - 1, ct).ConfigureAwait(false);
                }
                if (started.Elapsed > Policy.MineTimeout) throw new TransactionNotMinedException(hashes, nonce, started.Elapsed);
                // Fewer transactions pending than this nonce, poll after poll: the node lost earlier ones of ours (it restarted
                // from an older state), so this one can never be mined until the gap is filled.
                var pending = await _rpc.TransactionCountAsync(Account, "pending", ct).ConfigureAwait(false);
                gapPolls = pending < nonce ? gapPolls + 1 : 0;
                if (gapPolls >= 3)
                {
                    await FillNonceGapAsync(pending, nonce, ct).ConfigureAwait(false);
                    gapPolls = 0;
                }
                var lost = await _rpc.TransactionAsync(latest.Hash, ct).ConfigureAwait(false) is null;
                // The node lost it (restarted without its pool, reorganized, or dropped it under a higher base fee): the
                // same signed bytes go again; when the node refuses them as underpriced, a replacement is due at once.
                var underpriced = lost && !await ResendAsync(latest, hashes, nonce, ct).ConfigureAwait(false);
                if (lost) lastSent.Restart();
                if (underpriced || (!lost && lastSent.Elapsed >= Policy.ReplaceAfter))
                {
                    if (await ReplacementFeesAsync(latest.Fees, ct).ConfigureAwait(false) is { } higher)
                    {
                        var replacement = Sign(tx, nonce, gasLimit, higher);
                        try
                        {
                            await BroadcastAsync(replacement, ct).ConfigureAwait(false);
                            hashes.Add(replacement.Hash);
                            latest = replacement;
                        }
                        catch (Exception e) when (e is NonceTooLowException or ChainTransactionException)
                        {
                            // The original was mined meanwhile, or the node wants a larger bump: the next poll tells.
                        }
                    }
                    lastSent.Restart();
                }
            }
            catch (ChainUnavailableException) when (started.Elapsed <= Policy.MineTimeout)
            {
                // The node is unreachable (restarting): the transaction is signed and holds its nonce; wait for the node.
            }
            await Task.Delay(Policy.ReceiptPollInterval, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Fills nonces <paramref name="from"/>..<paramref name="to"/>-1, lost by the node, with zero-value transfers to
    /// this account, so the transaction at <paramref name="to"/> can be mined. What the lost transactions did is for their
    /// callers to find out (the orchestrator's event watch queues a lost redemption again). A filler the node refuses
    /// (another send took that nonce meanwhile) is left: the next poll looks again.
    /// </summary>
    private async Task FillNonceGapAsync(ulong from, ulong to, CancellationToken ct)
    {
        var fees = await CurrentFeesAsync(previous: null, ct).ConfigureAwait(false);
        for (var n = from; n < to; n++)
        {
            try
            {
                await BroadcastAsync(Sign(EthereumTransaction.Transfer(Account, BigInteger.Zero), n, 21_000, fees!.Value), ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is NonceTooLowException or ChainTransactionException)
            {
            }
        }
    }

    /// <summary>Fees for a replacement, or null when none may be sent now: the cap forbids the bump, or the base fee is above the cap.</summary>
    private async Task<Fees?> ReplacementFeesAsync(Fees previous, CancellationToken ct)
    {
        try
        {
            return await CurrentFeesAsync(previous, ct).ConfigureAwait(false);
        }
        catch (GasPriceCapExceededException)
        {
            // The transaction is already out, under the cap: it stays the offer until fees fall (or the mine timeout).
            return null;
        }
    }

    /// <summary>Sends <paramref name="latest"/> again; false when the node refuses it (e.g. its fee is under the base fee now).</summary>
    private async Task<bool> ResendAsync(SignedTransaction latest, List<string> hashes, ulong nonce, CancellationToken ct)
    {
        try
        {
            await BroadcastAsync(latest, ct).ConfigureAwait(false);
            return true;
        }
        catch (NonceTooLowException)
        {
            foreach (var h in hashes)
                if (await _rpc.ReceiptAsync(h, ct).ConfigureAwait(false) is { BlockNumber: not null }) return true; // ours was mined after all
            // Another transaction of this account took the nonce: this call was not executed; the caller may send it again.
            throw new ChainTransactionException("NonceTooLow",
                $"Transaction nonce {nonce} ({string.Join(", ", hashes)}) was dropped by the node and the nonce was used by another transaction of {Account}; it was not executed.");
        }
        catch (ChainTransactionException e) when (e.Refusal == ChainRefusal.Refused)
        {
            return false;
        }
    }

    private async Task<EthereumReceipt> CompleteAsync(TransactionReceipt receipt, CallInput call, ulong nonce, int replacements, CancellationToken ct)
    {
        var block = (long)receipt.BlockNumber.Value;
        if (receipt.Status?.Value == 0)
        {
            // A revert after a successful estimate: the state moved (e.g. another node initialized the round first).
            // Replaying the call on the block's state gives the reason.
            RevertReason reason;
            try
            {
                await _rpc.CallAsync(call, EthereumRpc.Hex(block), ct).ConfigureAwait(false);
                reason = new RevertReason("reverted in its block, but succeeds when replayed", null);
            }
            catch (RpcResponseException e)
            {
                reason = RevertReason.FromRpcError(e) ?? new RevertReason(e.RpcError?.Message ?? e.Message, null);
            }
            throw Refusal(reason, $" (transaction {receipt.TransactionHash} in block {block})");
        }
        return new EthereumReceipt(receipt.TransactionHash, block, receipt.BlockHash, nonce, receipt.GasUsed.Value,
            receipt.EffectiveGasPrice?.Value ?? BigInteger.Zero, receipt.ContractAddress, receipt.Logs ?? [], replacements);
    }

    private Exception Refusal(RpcResponseException e)
    {
        if (RevertReason.FromRpcError(e) is { } reason) return Refusal(reason, "");
        var message = e.RpcError?.Message ?? e.Message;
        if (message.Contains("insufficient funds", StringComparison.OrdinalIgnoreCase))
            return new ChainTransactionException("InsufficientEth", $"The account {Account} cannot pay for this transaction: {message}");
        return new ChainTransactionException("Refused", $"The Ethereum node refused the transaction: {message}");
    }

    private static ChainTransactionException Refusal(RevertReason reason, string where) =>
        RevertReasons.ToProtocolError(reason) is { } error
            ? new ChainTransactionException(error.ToString(), $"The contract refused: {reason.Text}{where}")
            : new ChainTransactionException("Reverted", $"The contract refused: {reason.Text}{where}");

    private readonly record struct Fees(BigInteger MaxFee, BigInteger PriorityFee);

    private sealed record SignedTransaction(string Raw, string Hash, Fees Fees);

    private sealed class NonceTooLowException(string message) : Exception(message);
}
