namespace Livepeer.Chain.Rpc;

/// <summary>
/// One lp_get… method per protocol read, answered from the state of the open block (so a client sees its own admitted
/// transactions at once), plus lp_getTransactionTypes so wallets know the EIP-712 types to sign.
/// </summary>
public static class ProtocolRpcMethods
{
    /// <summary>Registers the view methods.</summary>
    public static JsonRpcDispatcher AddProtocolViews(this JsonRpcDispatcher dispatcher, Sequencer sequencer, ProtocolExecutor executor, TransactionCodec codec, CallCatalog catalog) => dispatcher
        .Register("lp_getDelegator", (p, _) => View(sequencer, b => ProtocolViews.GetDelegator(executor.State, p.Parse(0, "address", Address.Parse), b.Number)))
        .Register("lp_getTranscoder", (p, _) => View(sequencer, b => ProtocolViews.GetTranscoder(executor.State, p.Parse(0, "address", Address.Parse), b.Number)))
        .Register("lp_getTranscoderPool", (_, _) => View(sequencer, _ => ProtocolViews.GetTranscoderPool(executor.State)))
        .Register("lp_getEvidence", (p, _) => View(sequencer, _ => ProtocolViews.GetEvidence(executor.State, p.Parse(0, "transcoder", Address.Parse), p.Parse(1, "evidence", Hash.Parse))))
        .Register("lp_getRoundInfo", (_, _) => View(sequencer, b => ProtocolViews.GetRoundInfo(executor.State, b.Number)))
        .Register("lp_getMinterInfo", (_, _) => View(sequencer, _ => ProtocolViews.GetMinterInfo(executor.State)))
        .Register("lp_getSenderInfo", (p, _) => View(sequencer, b => ProtocolViews.GetSenderInfo(executor.State, p.Parse(0, "address", Address.Parse), b.Number)))
        .Register("lp_getClaimableReserve", (p, _) => View(sequencer, b =>
            ProtocolViews.GetClaimableReserve(executor.State, p.Parse(0, "sender", Address.Parse), p.Parse(1, "recipient", Address.Parse), b.Number)))
        .Register("lp_getProposal", (p, _) => View(sequencer, b =>
            ProtocolViews.GetProposal(executor.State, p.Parse(0, "id", long.Parse), b.Number)
            ?? throw new JsonRpcException(JsonRpcException.NotFound, $"No proposal {p.GetString(0, "id")}.")))
        .Register("lp_getProposals", (_, _) => View(sequencer, b => ProtocolViews.GetProposals(executor.State, b.Number)))
        .Register("lp_getBalance", (p, _) => View(sequencer, b => ProtocolViews.GetBalance(executor.State, p.Parse(0, "address", Address.Parse), b.Timestamp)))
        .Register("lp_getParameters", (_, _) => View(sequencer, _ => ProtocolViews.GetParameters(executor.State)))
        .Register("lp_getStateHash", (_, _) => View(sequencer, _ => executor.StateHash()))
        .Register("lp_getTransactionTypes", (_, _) => ValueTask.FromResult<object?>(new JsonObject
        {
            ["domain"] = new JsonObject { ["name"] = TransactionCodec.DomainName, ["version"] = TransactionCodec.DomainVersion, ["chainId"] = (long)(ulong)codec.Domain.ChainId!.Value },
            ["types"] = new JsonObject(catalog.Names.Select(n => KeyValuePair.Create(n, (JsonNode?)new JsonObject(
                catalog.Find(n)!.Types.Select(t => KeyValuePair.Create(t.Name, (JsonNode?)new JsonArray(
                    t.Fields.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["type"] = f.Type }).ToArray()))))))),
        }));

    // Views are serialized here, under the lock, so no later admission can change what is being written.
    private static ValueTask<object?> View<T>(Sequencer sequencer, Func<PendingBlockContext, T> read) =>
        ValueTask.FromResult<object?>(sequencer.Read(b => JsonSerializer.SerializeToNode(read(b), ProtocolJson.Options)));
}
