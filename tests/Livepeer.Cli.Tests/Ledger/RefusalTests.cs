using Livepeer.Core;
using Livepeer.Protocol.Parameters;

namespace Livepeer.Cli.Tests.Ledger;

/// <summary>
/// Every refusal the token-holder CLI reports, against a real chain: the ledger's reason named in one "error: " line with
/// exit code 1 and no state change; bad arguments give exit code 2 before anything is sent.
/// </summary>
public sealed class RefusalTests : IAsyncLifetime
{
    private LedgerChainProcess _chain = null!;
    private string _holder = "";
    private string _empty = "";

    public async Task InitializeAsync()
    {
        _chain = await LedgerChainProcess.StartAsync(["holder", "empty"], a => $$"""
            { "preset": "devnet", "startBlock": 0, "parameters": { "RoundLength": 1000 },
              "allocations": [ { "label": "holder", "address": "{{a["holder"]}}", "amount": "{{ProtocolParameters.Lpt(100)}}" } ],
              "eth": [ { "address": "{{a["holder"]}}", "amount": "{{ProtocolParameters.Lpt(1)}}" } ] }
            """);
        _holder = _chain.Accounts["holder"].ToString();
        _empty = _chain.Accounts["empty"].ToString();
    }

    public Task DisposeAsync() => _chain.DisposeAsync().AsTask();

    private void AssertRefused(string reason, params string[] args)
    {
        var error = _chain.Refused(1, args);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLedgerRefusesWithItsReasonAndTheNextStepAndNothingChanges()
    {
        string[] asHolder = ["--from", _holder];
        var uninitialized = _chain.Refused(1, ["stake", "bond", "5", "--to", _holder, .. asHolder]);
        Assert.Contains("RoundNotInitialized", uninitialized, StringComparison.Ordinal);
        Assert.Contains("run `livepeer round initialize`", uninitialized, StringComparison.OrdinalIgnoreCase);

        _chain.Json(["round", "initialize", .. asHolder]);
        AssertRefused("RoundAlreadyInitialized", ["round", "initialize", .. asHolder]);
        AssertRefused("InsufficientBalance", ["stake", "bond", "1000", "--to", _holder, .. asHolder]);
        AssertRefused("InsufficientBalance", ["lpt", "transfer", _empty, "100.5", .. asHolder]);
        AssertRefused("InsufficientEth", ["eth", "transfer", _empty, "2", .. asHolder]);
        AssertRefused("DelegatorNotBonded", ["stake", "unbond", "1", .. asHolder]);
        AssertRefused("InvalidUnbondingLock", ["stake", "withdraw-stake", "3", .. asHolder]);
        AssertRefused("--to ORCH", ["stake", "rebond", "3", .. asHolder]);
        AssertRefused("InvalidUnbondingLock", ["stake", "rebond", "3", "--to", _holder, .. asHolder]);
        AssertRefused("no fees to withdraw", ["stake", "withdraw-fees", .. asHolder]);
        AssertRefused("InsufficientFees", ["stake", "withdraw-fees", "0.5", .. asHolder]);
        AssertRefused("NotActiveTranscoder", ["orchestrator", "reward", .. asHolder]);
        AssertRefused("TranscoderNotRegistered", ["orchestrator", "register", "--reward-cut", "10%", "--fee-share", "50%", "--service-uri", "https://127.0.0.1:8935", .. asHolder]);
        AssertRefused("SenderFundsZero", ["broadcast", "unlock", .. asHolder]);
        AssertRefused("SenderFundsZero", ["broadcast", "withdraw", .. asHolder]);
        AssertRefused("NoUnlockInProgress", ["broadcast", "cancel-unlock", .. asHolder]);
        AssertRefused("UnknownProposal", ["gov", "vote", "9", "for", .. asHolder]);
        AssertRefused("UnknownProposal", ["gov", "execute", "9", .. asHolder]);
        AssertRefused("no proposal 9", ["gov", "show", "9"]);
        AssertRefused("ProposalThresholdNotMet", ["gov", "propose", "--set", "UnbondingPeriod=3", "--description", "x", .. asHolder]);
        AssertRefused("ProposalThresholdNotMet", ["gov", "propose", "--treasury-spend", $"{_empty}=5", "--verifiers", $"{_holder},{_empty}", "--threshold", "1",
            "--set", "Quorum=40%", "--description", "every action kind", .. asHolder]);
        AssertRefused("No account", ["lpt", "transfer", _holder, "1", "--from", "0x000000000000000000000000000000000000dEaD"]);

        // Nothing above changed the holder's balances; the empty account received nothing.
        Assert.Equal(ProtocolParameters.Lpt(100), UInt256.Parse((string)_chain.Json("lpt", "balance", _holder)["balance"]!["wei"]!));
        Assert.Equal(ProtocolParameters.Lpt(1), UInt256.Parse((string)_chain.Json("eth", "balance", _holder)["balance"]!["wei"]!));
        Assert.Equal("0", (string)_chain.Json("lpt", "balance", _empty)["balance"]!["wei"]!);
        Assert.Equal("Unbonded", (string)_chain.Json("stake", "status", _holder)["status"]!);

        // People get tables: the same reads without --json.
        foreach (var (args, expected) in new (string[], string)[]
                 {
                     (["round", "status"], "Initialized"), (["stake", "status", _holder], _holder), (["gov", "parameters"], "UnbondingPeriod"),
                     (["lpt", "balance", _holder], "100 LPT"), (["orchestrator", "list"], "pool is empty"),
                 })
        {
            var human = _chain.Run(args);
            Assert.True(human.ExitCode == 0, human.Stderr);
            Assert.Contains(expected, human.Stdout, StringComparison.Ordinal);
        }

        // The default signer is the first keystore account, and reads default to it too.
        Assert.Equal(_holder, (string)_chain.Json("lpt", "balance")["address"]!);

        // A registration refused after its self-bond says the bond is done, so a retry does not bond twice.
        var partial = _chain.Refused(1, ["orchestrator", "register", "--stake", "10", "--reward-cut", "1%", "--fee-share", "1%",
            "--service-uri", "https://example.com/" + new string('a', 2100), .. asHolder]);
        Assert.Contains("Self-bonded 10 LPT", partial, StringComparison.Ordinal);
        Assert.Contains("InvalidServiceUri", partial, StringComparison.Ordinal);
        Assert.Contains("without --stake", partial, StringComparison.Ordinal);
        Assert.Equal(ProtocolParameters.Lpt(10), UInt256.Parse((string)_chain.Json("stake", "status", _holder)["bonded"]!["wei"]!));
    }
}
