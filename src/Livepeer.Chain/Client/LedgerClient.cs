using System.Collections.Immutable;

namespace Livepeer.Chain.Client;

/// <summary>
/// <see cref="ILivepeerChain"/> over the embedded ledger's JSON-RPC. Writes are EIP-712 signed with the account's key,
/// nonces are tracked locally (re-read from the ledger after a nonce error), and each write waits for its block.
/// </summary>
public sealed class LedgerClient : ILivepeerChain, IDisposable
{
    private static readonly CallCatalog Catalog = CallCatalog.Protocol();
    private readonly JsonRpcClient _rpc;
    private readonly HttpClient _http;
    private readonly PrivateKey? _key;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private TransactionCodec? _codec;
    private ulong? _nextNonce;

    /// <summary>A client of the ledger at <paramref name="rpc"/>, signing with <paramref name="key"/> (null: read only).</summary>
    public LedgerClient(Uri rpc, PrivateKey? key = null, HttpMessageHandler? handler = null, JsonRpcClientOptions? options = null, TimeProvider? time = null)
    {
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = Timeout.InfiniteTimeSpan; // per-request timeouts come from the options
        _rpc = new JsonRpcClient(_http, rpc, options, time);
        _key = key;
    }

    /// <inheritdoc />
    public Address? Account => _key?.Address;

    /// <summary>The underlying JSON-RPC client, for methods not wrapped here.</summary>
    public JsonRpcClient Rpc => _rpc;

    private Task<JsonElement> Call(string method, CancellationToken ct, params JsonNode?[] parameters) => _rpc.CallAsync(method, parameters, ct);

    private async Task<T> View<T>(string method, CancellationToken ct, params JsonNode?[] parameters) =>
        (await Call(method, ct, parameters)).Deserialize<T>(ProtocolJson.Options)
        ?? throw new JsonException($"{method} returned null.");

    /// <inheritdoc />
    public async Task<long> BlockNumberAsync(CancellationToken ct = default) => Convert.ToInt64((await Call("lp_blockNumber", ct)).GetString(), 16);
    /// <inheritdoc />
    public Task<ProtocolParameters> GetParametersAsync(CancellationToken ct = default) => View<ProtocolParameters>("lp_getParameters", ct);
    /// <inheritdoc />
    public Task<RoundInfoView> GetRoundInfoAsync(CancellationToken ct = default) => View<RoundInfoView>("lp_getRoundInfo", ct);
    /// <inheritdoc />
    public Task<BalanceView> GetBalanceAsync(Address account, CancellationToken ct = default) => View<BalanceView>("lp_getBalance", ct, account.ToString());
    /// <inheritdoc />
    public Task<DelegatorView> GetDelegatorAsync(Address delegator, CancellationToken ct = default) => View<DelegatorView>("lp_getDelegator", ct, delegator.ToString());
    /// <inheritdoc />
    public Task<TranscoderView> GetTranscoderAsync(Address transcoder, CancellationToken ct = default) => View<TranscoderView>("lp_getTranscoder", ct, transcoder.ToString());
    /// <inheritdoc />
    public Task<ImmutableArray<PoolEntry>> GetTranscoderPoolAsync(CancellationToken ct = default) => View<ImmutableArray<PoolEntry>>("lp_getTranscoderPool", ct);
    /// <inheritdoc />
    public Task<MinterInfoView> GetMinterInfoAsync(CancellationToken ct = default) => View<MinterInfoView>("lp_getMinterInfo", ct);
    /// <inheritdoc />
    public Task<SenderInfoView> GetSenderInfoAsync(Address sender, CancellationToken ct = default) => View<SenderInfoView>("lp_getSenderInfo", ct, sender.ToString());
    /// <inheritdoc />
    public Task<UInt256> GetClaimableReserveAsync(Address sender, Address recipient, CancellationToken ct = default) =>
        View<UInt256>("lp_getClaimableReserve", ct, sender.ToString(), recipient.ToString());
    /// <inheritdoc />
    public Task<ImmutableArray<ProposalView>> GetProposalsAsync(CancellationToken ct = default) => View<ImmutableArray<ProposalView>>("lp_getProposals", ct);

    /// <summary>lp_getLogs: events named <paramref name="events"/> (all when empty) in blocks <paramref name="fromBlock"/>..<paramref name="toBlock"/>.</summary>
    public async Task<IReadOnlyList<ChainLog>> GetLogsAsync(long fromBlock, long toBlock, IReadOnlyList<string> events, CancellationToken ct = default)
    {
        var filter = new JsonObject { ["fromBlock"] = fromBlock, ["toBlock"] = toBlock };
        if (events.Count > 0) filter["events"] = new JsonArray(events.Select(e => (JsonNode)e).ToArray());
        var logs = await Call("lp_getLogs", ct, filter);
        return logs.EnumerateArray().Select(l => new ChainLog(Convert.ToInt64(l.GetProperty("blockNumber").GetString(), 16), Hash.Parse(l.GetProperty("transactionHash").GetString()!),
            new ChainEvent(l.GetProperty("event").GetString()!, l.GetProperty("args").Clone()))).ToList();
    }

    /// <inheritdoc />
    public Task<ChainReceipt> InitializeRoundAsync(CancellationToken ct = default) => SendAsync(new InitializeRoundCall(), ct);
    /// <inheritdoc />
    public Task<ChainReceipt> TransferAsync(Address to, UInt256 amount, CancellationToken ct = default) => SendAsync(new TransferCall(to, amount), ct);
    /// <inheritdoc />
    public Task<ChainReceipt> ApproveAsync(Address spender, UInt256 amount, CancellationToken ct = default) => SendAsync(new ApproveCall(spender, amount), ct);
    /// <inheritdoc />
    public Task<ChainReceipt> SendEthAsync(Address to, UInt256 amount, CancellationToken ct = default) => SendAsync(new SendEthCall(to, amount), ct);
    /// <inheritdoc />
    public Task<ChainReceipt> BondAsync(UInt256 amount, Address to, CancellationToken ct = default) => SendAsync(new BondCall(amount, to), ct);
    /// <inheritdoc />
    public Task<ChainReceipt> UnbondAsync(UInt256 amount, CancellationToken ct = default) => SendAsync(new UnbondCall(amount), ct);
    /// <inheritdoc />
    public Task<ChainReceipt> RebondAsync(long unbondingLockId, CancellationToken ct = default) => SendAsync(new RebondCall(unbondingLockId), ct);
    /// <inheritdoc />
    public Task<ChainReceipt> RebondFromUnbondedAsync(Address to, long unbondingLockId, CancellationToken ct = default) => SendAsync(new RebondFromUnbondedCall(to, unbondingLockId), ct);
    /// <inheritdoc />
    public Task<ChainReceipt> WithdrawStakeAsync(long unbondingLockId, CancellationToken ct = default) => SendAsync(new WithdrawStakeCall(unbondingLockId), ct);
    /// <inheritdoc />
    public Task<ChainReceipt> WithdrawFeesAsync(Address recipient, UInt256 amount, CancellationToken ct = default) => SendAsync(new WithdrawFeesCall(recipient, amount), ct);
    /// <inheritdoc />
    public Task<ChainReceipt> TranscoderAsync(long rewardCut, long feeShare, CancellationToken ct = default) => SendAsync(new TranscoderUpdateCall(rewardCut, feeShare), ct);
    /// <inheritdoc />
    public Task<ChainReceipt> RewardAsync(CancellationToken ct = default) => SendAsync(new RewardCall(), ct);
    /// <inheritdoc />
    public Task<ChainReceipt> ClaimEarningsAsync(long endRound, CancellationToken ct = default) => SendAsync(new ClaimEarningsCall(endRound), ct);
    /// <inheritdoc />
    public Task<ChainReceipt> FundDepositAndReserveAsync(UInt256 deposit, UInt256 reserve, CancellationToken ct = default) => SendAsync(new FundDepositAndReserveCall(deposit, reserve), ct);
    /// <inheritdoc />
    public Task<ChainReceipt> UnlockAsync(CancellationToken ct = default) => SendAsync(new UnlockCall(), ct);
    /// <inheritdoc />
    public Task<ChainReceipt> CancelUnlockAsync(CancellationToken ct = default) => SendAsync(new CancelUnlockCall(), ct);
    /// <inheritdoc />
    public Task<ChainReceipt> WithdrawAsync(CancellationToken ct = default) => SendAsync(new WithdrawCall(), ct);
    /// <inheritdoc />
    public Task<ChainReceipt> RedeemWinningTicketAsync(Ticket ticket, byte[] signature, UInt256 recipientRand, CancellationToken ct = default) =>
        SendAsync(new RedeemWinningTicketCall(ticket, signature, recipientRand), ct);
    /// <inheritdoc />
    public Task<ChainReceipt> SetServiceUriAsync(string serviceUri, CancellationToken ct = default) => SendAsync(new SetServiceUriCall(serviceUri), ct);
    /// <inheritdoc />
    public Task<ChainReceipt> SlashEquivocationAsync(EquivocationEvidence evidence, CancellationToken ct = default) => SendAsync(new SlashEquivocationCall(evidence), ct);
    /// <inheritdoc />
    public Task<ChainReceipt> ReportFailedVerificationAsync(Address transcoder, Hash evidence, string evidenceUri, CancellationToken ct = default) =>
        SendAsync(new ReportFailedVerificationCall(transcoder, evidence, evidenceUri), ct);
    /// <inheritdoc />
    public Task<EvidenceView> GetEvidenceAsync(Address transcoder, Hash evidence, CancellationToken ct = default) =>
        View<EvidenceView>("lp_getEvidence", ct, transcoder.ToString(), evidence.ToString());
    /// <inheritdoc />
    public Task<ChainReceipt> AttestFailedVerificationAsync(Address transcoder, Hash evidence, CancellationToken ct = default) =>
        SendAsync(new AttestFailedVerificationCall(transcoder, evidence), ct);
    /// <inheritdoc />
    public Task<ChainReceipt> ProposeAsync(ImmutableArray<ProposalAction> actions, string description, CancellationToken ct = default) =>
        SendAsync(new ProposeCall(actions, description), ct);
    /// <inheritdoc />
    public Task<ChainReceipt> VoteAsync(long proposalId, VoteSupport support, CancellationToken ct = default) => SendAsync(new VoteCall(proposalId, support), ct);
    /// <inheritdoc />
    public Task<ChainReceipt> ExecuteAsync(long proposalId, CancellationToken ct = default) => SendAsync(new ExecuteCall(proposalId), ct);

    /// <inheritdoc />
    public async Task<ChainReceipt> SendAsync(ProtocolCall call, CancellationToken ct = default)
    {
        var key = _key ?? throw new InvalidOperationException("This ledger client is read-only: give it an account key to send transactions.");
        Hash hash;
        await _sendLock.WaitAsync(ct);
        try
        {
            var codec = _codec ??= new TransactionCodec(Catalog, Convert.ToUInt64((await Call("lp_chainId", ct)).GetString(), 16));
            for (var attempt = 0; ; attempt++)
            {
                var nonce = _nextNonce ??= Convert.ToUInt64((await Call("lp_getTransactionCount", ct, key.Address.ToString(), "pending")).GetString(), 16);
                var raw = codec.Encode(call, nonce, key);
                hash = codec.Decode(raw).Hash;
                try
                {
                    await Call("lp_sendRawTransaction", ct, Hex.Encode(raw));
                    _nextNonce = nonce + 1;
                    break;
                }
                catch (JsonRpcCallException e) when (e.Code == JsonRpc.JsonRpcException.TransactionRejected)
                {
                    var reason = e.ErrorData?.TryGetProperty("reason", out var r) == true ? r.GetString() ?? "Refused" : "Refused";
                    _nextNonce = null; // someone else may have used this account: re-read the nonce
                    var refused = new ChainTransactionException(reason, e.Message);
                    if (refused.Refusal is ChainRefusal.NonceTooLow or ChainRefusal.NonceGap && attempt == 0) continue;
                    throw refused;
                }
            }
        }
        finally
        {
            _sendLock.Release();
        }
        var receipt = await Call("lp_waitForTransactionReceipt", ct, hash.ToString(), 120_000);
        return new ChainReceipt(hash, Convert.ToInt64(receipt.GetProperty("blockNumber").GetString(), 16),
            receipt.GetProperty("logs").EnumerateArray().Select(l => new ChainEvent(l.GetProperty("event").GetString()!, l.GetProperty("args").Clone())).ToList());
    }

    /// <summary>Closes the HTTP client.</summary>
    public void Dispose()
    {
        _http.Dispose();
        _sendLock.Dispose();
    }
}
