using System.Collections.Immutable;
using Livepeer.Chain.Client;
using Livepeer.Chain.Hosting;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Protocol.Bonding;
using Livepeer.Protocol.Governance;
using Livepeer.Protocol.Parameters;

namespace Livepeer.Chain.Tests.Client;

/// <summary>The node-facing client against a real ledger over HTTP on loopback.</summary>
// Rounds are long enough that time never ends one during a test: results do not depend on the machine's load. The
// proposal threshold is 0 because a proposer's stake counts from the round after it bonds (Governor's getVotes(clock() - 1)).
public sealed class LedgerClientTests : IAsyncLifetime
{
    private readonly PrivateKey _alice = PrivateKey.Generate(new Random(11).NextBytes);
    private readonly PrivateKey _bob = PrivateKey.Generate(new Random(12).NextBytes);
    private readonly string _dir = Directory.CreateTempSubdirectory("client-").FullName;
    private LedgerNode _node = null!;

    public async Task InitializeAsync()
    {
        var genesis = Path.Combine(_dir, "genesis.json");
        await File.WriteAllTextAsync(genesis, $$"""
            { "preset": "devnet", "startBlock": 0, "parameters": { "RoundLength": 100000, "ProposalThreshold": 0 },
              "allocations": [ { "label": "alice", "address": "{{_alice.Address}}", "amount": "{{ProtocolParameters.Lpt(10_000)}}" } ],
              "eth": [ { "address": "{{_alice.Address}}", "amount": "{{ProtocolParameters.Lpt(100)}}" } ],
              "verifiers": [ "{{_bob.Address}}" ], "verifierThreshold": 1 }
            """);
        _node = await LedgerNode.StartAsync(new LedgerOptions
        {
            DataDirectory = Path.Combine(_dir, "chain"), GenesisFile = genesis, Rpc = "127.0.0.1:0", BlockTime = TimeSpan.FromMilliseconds(50),
        }, TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task AnOrchestratorRegistersAndADelegatorBondsToIt()
    {
        using var alice = new LedgerClient(_node.RpcUri, _alice);
        using var bob = new LedgerClient(_node.RpcUri, _bob);
        Assert.Equal(_alice.Address, alice.Account);

        var round = await alice.InitializeRoundAsync();
        Assert.Single(round.Named("NewRound"));
        Assert.True((await alice.GetRoundInfoAsync()).Initialized);

        await alice.BondAsync(ProtocolParameters.Lpt(1000), _alice.Address);
        await alice.TranscoderAsync(rewardCut: 100_000, feeShare: 500_000);
        await alice.TransferAsync(_bob.Address, ProtocolParameters.Lpt(300));
        await alice.SendEthAsync(_bob.Address, ProtocolParameters.Lpt(1));
        var bonded = await bob.BondAsync(ProtocolParameters.Lpt(200), _alice.Address);
        Assert.Single(bonded.Named("Bond"));

        var transcoder = await alice.GetTranscoderAsync(_alice.Address);
        Assert.True(transcoder.Registered);
        Assert.Equal(100_000, transcoder.RewardCut);
        Assert.Equal(ProtocolParameters.Lpt(1200), transcoder.TotalStake);
        Assert.Contains(await bob.GetTranscoderPoolAsync(), e => e.Transcoder == _alice.Address);
        var delegator = await bob.GetDelegatorAsync(_bob.Address);
        Assert.Equal(DelegatorStatus.Pending, delegator.Status);
        Assert.Equal(_alice.Address, delegator.DelegateAddress);
        Assert.Equal(ProtocolParameters.Lpt(100), (await bob.GetBalanceAsync(_bob.Address)).Lpt);
        Assert.True((await alice.BlockNumberAsync()) > 0);
    }

    [Fact]
    public async Task AReportedFailedVerificationIsAttestedSlashedAndReadBack()
    {
        using var alice = new LedgerClient(_node.RpcUri, _alice);
        using var bob = new LedgerClient(_node.RpcUri, _bob);
        await alice.InitializeRoundAsync();
        await alice.BondAsync(ProtocolParameters.Lpt(1000), _alice.Address);
        await alice.SendEthAsync(_bob.Address, ProtocolParameters.Lpt(1));
        var evidence = Keccak256.Hash("bundle"u8);
        Assert.False((await bob.GetEvidenceAsync(_alice.Address, evidence)).Reported);
        var refused = await Assert.ThrowsAsync<ChainTransactionException>(() => bob.AttestFailedVerificationAsync(_alice.Address, evidence));
        Assert.Equal("UnknownEvidence", refused.Reason);

        // The orchestrator itself can report (anyone can); it is the finder then.
        var reported = await alice.ReportFailedVerificationAsync(_alice.Address, evidence, "http://127.0.0.1:1/api/evidence/" + evidence);
        Assert.Single(reported.Named("FailedVerificationReported"));
        var view = await bob.GetEvidenceAsync(_alice.Address, evidence);
        Assert.True(view.Reported);
        Assert.Equal(_alice.Address, view.Reporter);
        Assert.Equal(1, view.Threshold);
        Assert.False(view.Settled);

        var attested = await bob.AttestFailedVerificationAsync(_alice.Address, evidence);
        Assert.Single(attested.Named("Slashed"));
        Assert.True((await bob.GetEvidenceAsync(_alice.Address, evidence)).Settled);
        Assert.Equal(1, (await bob.GetTranscoderAsync(_alice.Address)).SlashCount);
    }

    [Fact]
    public async Task ARefusedCallThrowsTheProtocolReasonAndTheNextCallStillWorks()
    {
        using var bob = new LedgerClient(_node.RpcUri, _bob);
        var e = await Assert.ThrowsAsync<ChainTransactionException>(() => bob.TransferAsync(_alice.Address, 1));
        Assert.Equal("InsufficientBalance", e.Reason);
        using var alice = new LedgerClient(_node.RpcUri, _alice);
        await alice.TransferAsync(_bob.Address, 5);
        await bob.TransferAsync(_alice.Address, 1); // nonce 0 was not consumed by the refused call
    }

    [Fact]
    public async Task ProposalsReadBackWithTheirActions()
    {
        using var alice = new LedgerClient(_node.RpcUri, _alice);
        await alice.InitializeRoundAsync();
        await alice.BondAsync(ProtocolParameters.Lpt(1000), _alice.Address);
        await alice.TranscoderAsync(0, 0);
        try
        {
            await alice.ProposeAsync([new ParameterChange(ParameterName.UnbondingPeriod, 3), new TreasurySpend(_bob.Address, 1)], "shorter unbonding");
        }
        catch (ChainTransactionException e)
        {
            Assert.Fail($"Propose refused: {e.Reason}: {e.Message}");
        }
        var proposal = Assert.Single(await alice.GetProposalsAsync());
        Assert.Equal("shorter unbonding", proposal.Proposal.Description);
        Assert.Contains(proposal.Proposal.Actions, a => a is ParameterChange { Name: ParameterName.UnbondingPeriod });
        Assert.Contains(proposal.Proposal.Actions, a => a is TreasurySpend t && t.Recipient == _bob.Address);
    }

    [Fact]
    public async Task AReadOnlyClientCannotSend()
    {
        using var reader = new LedgerClient(_node.RpcUri);
        await Assert.ThrowsAsync<InvalidOperationException>(() => reader.RewardAsync());
    }

    [Fact]
    public async Task AnUnreachableLedgerGivesAClearErrorAfterRetries()
    {
        using var client = new LedgerClient(new Uri("http://127.0.0.1:1/"), _alice,
            options: new JsonRpcClientOptions { Attempts = 3, InitialBackoff = TimeSpan.FromMilliseconds(10) });
        var e = await Assert.ThrowsAsync<ChainUnavailableException>(() => client.BlockNumberAsync());
        Assert.Contains("after 3 attempts", e.Message);
        Assert.Contains("livepeer chain", e.Message);
    }
}
