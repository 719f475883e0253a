using Livepeer.Core;
using Livepeer.Node.Payments;
using Livepeer.Node.Selection;
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Broadcaster;

/// <summary>A stream's session with one orchestrator: what it offered (price, ticket parameters, auth token) and the payment state.</summary>
public sealed class BroadcastSession(OrchestratorCandidate candidate, Address orchestrator, Proto.OrchestratorInfo info, PaymentSender payments)
{
    /// <summary>The candidate it was chosen as.</summary>
    public OrchestratorCandidate Candidate { get; } = candidate;
    /// <summary>The address that signs its results.</summary>
    public Address Orchestrator { get; } = orchestrator;
    /// <summary>The latest OrchestratorInfo (refreshed when a result carries a new one).</summary>
    public Proto.OrchestratorInfo Info { get; set; } = info;
    /// <summary>Tickets and balance for this orchestrator.</summary>
    public PaymentSender Payments { get; } = payments;
    /// <summary>
    /// Its last segment came back slower than real time allows: another orchestrator is tried for the next one, but this
    /// session stays the fallback (its orchestrator still holds our slot, so asking it anew would be refused as full).
    /// </summary>
    public bool Slow { get; set; }
    /// <summary>
    /// Segments in a row that timed out here. A timeout is slowness, not a fault: the session is only marked <see cref="Slow"/>
    /// (it stays the fallback); the orchestrator is suspended only after <see cref="TimeoutsToSuspend"/> in a row (it may be hung).
    /// </summary>
    public int Timeouts { get; set; }
    /// <summary>Timeouts in a row that suspend an orchestrator.</summary>
    public const int TimeoutsToSuspend = 3;
    /// <summary>This broadcaster's deposit in wei when the session began (the face-value bound), or null when unknown.</summary>
    public UInt256? Deposit { get; set; }
    /// <summary>The ticket parameters to pay with, or null when the orchestrator offered none (broadcaster unfunded).</summary>
    public TicketParams? Params => Info.TicketParams is { } p ? PaymentWire.FromProto(p) : null;
}
