using Livepeer.Core;
using Livepeer.Protocol.Genesis;
using Livepeer.Protocol.Parameters;

namespace Livepeer.Protocol.Tests.Genesis;

public class GenesisTests
{
    [Fact]
    public void MainnetAllocationsTotalTenMillion()
    {
        var s = GenesisBuilder.Build(new GenesisSpec { Parameters = ProtocolParameters.Mainnet, Allocations = GenesisBuilder.MainnetAllocations(0) });
        Assert.Equal(ProtocolParameters.Lpt(10_000_000), s.Supply.Value.TotalSupply);
        Assert.Equal(ProtocolParameters.Lpt(1_235_000), s.LptBalanceOf(GenesisBuilder.NamedHolder("team")));
        var team = s.Vesting.Get(GenesisBuilder.NamedHolder("team"))!;
        const long year = 365L * 24 * 3600;
        Assert.Equal(team.Total, team.LockedAt(year - 1)); // cliff
        Assert.Equal(UInt256.MulDiv(team.Total, (UInt256)(ulong)year, (UInt256)(ulong)(3 * year)), team.VestedAt(year));
        Assert.Equal(UInt256.Zero, team.LockedAt(3 * year));
        Assert.Equal(220_500, s.Minter.Value.Inflation);
    }

    [Fact]
    public void GenesisFileParsesAndReportsBadFields()
    {
        var json = """
        { "preset": "devnet", "parameters": { "RoundLength": 50, "InitialInflation": 1000 }, "startBlock": 7,
          "allocations": [ { "label": "o", "address": "0x00000000000000000000000000000000000000aa", "amount": "1000000000000000000000",
                             "vestingStart": 0, "cliff": 10, "duration": 100 } ],
          "eth": [ { "address": "0x00000000000000000000000000000000000000bb", "amount": "0x0de0b6b3a7640000" } ],
          "verifiers": ["0x00000000000000000000000000000000000000cc"], "verifierThreshold": 1 }
        """;
        var spec = GenesisFile.Parse(json);
        Assert.Equal(50, spec.Parameters.RoundLength);
        Assert.Equal(1000, spec.Parameters.InitialInflation);
        var s = GenesisBuilder.Build(spec);
        Assert.Equal(TestSupportLpt(1000), s.LptBalanceOf(Address.Parse("0x00000000000000000000000000000000000000aa")));
        Assert.Equal(TestSupportLpt(1), s.EthBalanceOf(Address.Parse("0x00000000000000000000000000000000000000bb")));
        Assert.Equal(7, s.Rounds.Value.LastRoundLengthUpdateStartBlock);
        Assert.Single(s.Governance.Value.Verifiers);

        Assert.Contains("RoundLenght", Assert.Throws<FormatException>(() => GenesisFile.Parse("""{ "parameters": { "RoundLenght": 5 } }""")).Message);
        Assert.Contains("allocations[0].amount", Assert.Throws<FormatException>(() => GenesisFile.Parse(
            """{ "allocations": [ { "address": "0x00000000000000000000000000000000000000aa", "amount": "-1" } ] }""")).Message);
        Assert.Throws<FormatException>(() => GenesisFile.Parse("{ nope"));
        Assert.Throws<FormatException>(() => GenesisFile.Parse("""{ "startBlock": "ten" }"""));
        Assert.Throws<FormatException>(() => GenesisFile.Parse("""{ "eth": [ { "address": "0x00000000000000000000000000000000000000aa" } ] }"""));
        Assert.Contains("Quorum", Assert.Throws<FormatException>(() => GenesisFile.Parse("""{ "parameters": { "Quorum": 2000000 } }""")).Message);
    }

    [Fact]
    public void InvalidSpecsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => GenesisBuilder.Build(new GenesisSpec
        {
            Allocations = [new GenesisAllocation("x", Address.Zero, UInt256.One)],
        }));
        Assert.Throws<ArgumentException>(() => GenesisBuilder.Build(new GenesisSpec
        {
            Allocations = [new GenesisAllocation("x", GenesisBuilder.NamedHolder("x"), UInt256.One, 0, 200, 100)],
        }));
        Assert.Throws<ArgumentException>(() => GenesisBuilder.Build(new GenesisSpec { Parameters = ProtocolParameters.Devnet with { RoundLength = 0 } }));
        Assert.Empty(ParameterValidator.Problems(ProtocolParameters.Mainnet));
        Assert.Empty(ParameterValidator.Problems(ProtocolParameters.Devnet));
    }

    private static UInt256 TestSupportLpt(ulong n) => ProtocolParameters.Lpt(n);
}
