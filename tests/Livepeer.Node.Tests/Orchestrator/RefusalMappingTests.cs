using Livepeer.Node.Broadcaster;
using Livepeer.Node.Orchestrator;

namespace Livepeer.Node.Tests.Orchestrator;

/// <summary>Every refusal kind has one row: HTTP and gRPC status, metric label, hint; and the broadcaster reads go-livepeer's texts back.</summary>
public sealed class RefusalMappingTests
{
    [Fact]
    public void EveryOrchestratorRefusalKindIsMapped()
    {
        foreach (var kind in Enum.GetValues<RefusalKind>())
        {
            var m = RefusalKinds.Of(kind);
            Assert.InRange(m.HttpStatus, 400, 499);
            Assert.Matches("^[a-z]+(-[a-z]+)*$", m.MetricLabel);
            Assert.False(string.IsNullOrWhiteSpace(m.Hint));
        }
        Assert.Equal(Enum.GetValues<RefusalKind>().Length, RefusalKinds.Table.Count);
    }

    [Fact]
    public void EveryBroadcasterFailureKindIsMappedToItsOwnLabel()
    {
        foreach (var kind in Enum.GetValues<OrchestratorFailure>())
        {
            var m = OrchestratorFailures.Of(kind);
            Assert.Matches("^[a-z]+(-[a-z]+)*$", m.Label);
            Assert.False(string.IsNullOrWhiteSpace(m.Hint));
        }
        Assert.Equal(Enum.GetValues<OrchestratorFailure>().Length, OrchestratorFailures.Table.Values.Select(m => m.Label).Distinct().Count());
    }

    [Theory]
    // go-livepeer's texts and statuses, as its orchestrators send them and as ours do.
    [InlineData(RefusalKind.AtCapacity, OrchestratorRefusal.CappedText + ": orchestrator is at capacity", OrchestratorFailure.AtCapacity)]
    [InlineData(RefusalKind.PaymentRefused, "TicketParams expired", OrchestratorFailure.ExpiredParams)]
    [InlineData(RefusalKind.PaymentRefused, "Invalid ticket sender", OrchestratorFailure.Payment)]
    [InlineData(RefusalKind.PaymentRequired, "bad header", OrchestratorFailure.Payment)]
    [InlineData(RefusalKind.Forbidden, "incompatible capabilities: the job needs [h264]", OrchestratorFailure.Incompatible)]
    [InlineData(RefusalKind.Forbidden, "missing auth token", OrchestratorFailure.Refused)]
    [InlineData(RefusalKind.TooLarge, "The segment is larger", OrchestratorFailure.Refused)]
    public void TheBroadcasterReadsTheOrchestratorsRefusalByStatusAndText(RefusalKind kind, string text, OrchestratorFailure expected) =>
        Assert.Equal(expected, OrchestratorConnection.ReasonFor(new OrchestratorRefusal(kind, text).HttpStatus, text));

    [Fact]
    public void OnlyAFullUnsuitableOrSlowOrchestratorEscapesSuspension()
    {
        // A slow one is suspended only after several timeouts in a row, by the session, not by this table.
        var spared = OrchestratorFailures.Table.Where(r => !r.Value.Suspends).Select(r => r.Key).Order().ToList();
        Assert.Equal([OrchestratorFailure.AtCapacity, OrchestratorFailure.Incompatible, OrchestratorFailure.Timeout], spared);
    }
}
