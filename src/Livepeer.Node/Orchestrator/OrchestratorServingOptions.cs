using Livepeer.Core;

namespace Livepeer.Node.Orchestrator;

/// <summary>How an orchestrator serves (part of <see cref="OrchestratorNodeOptions"/>): its public URI, capacity, price, and how long it keeps renditions.</summary>
public sealed class OrchestratorServingOptions
{
    /// <summary>The URI broadcasters reach it on (https, gRPC and HTTP on one port).</summary>
    public Uri ServiceUri { get; set; } = new("https://127.0.0.1:8936");

    /// <summary>Most concurrent transcoding sessions; more are told it is at capacity.</summary>
    public int MaxSessions { get; set; } = 10;

    /// <summary>What `--max-sessions auto` measured (it set <see cref="MaxSessions"/>), or null when the capacity was given.</summary>
    public Capacity.CapacityMeasurement? MeasuredCapacity { get; set; }

    /// <summary>Price in wei per <see cref="PixelsPerUnit"/> output pixels.</summary>
    public UInt256 PricePerUnit { get; set; } = (UInt256)1200UL;

    /// <summary>Pixels the price covers.</summary>
    public UInt256 PixelsPerUnit { get; set; } = UInt256.One;

    /// <summary>go-livepeer's -pricePerBroadcaster: broadcasters that pay their own price instead of <see cref="PricePerUnit"/>.</summary>
    public IReadOnlyDictionary<Address, Payments.PixelPrice> PricePerBroadcaster { get; set; } = new Dictionary<Address, Payments.PixelPrice>();

    /// <summary>A session with no segment for this long is closed and frees its slot.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A session without credit (it spent what it paid, or this orchestrator is free or off chain and the broadcaster is
    /// not on <see cref="AllowedBroadcasters"/>) is closed after this long without a segment, so unpaid work cannot sit on slots.
    /// </summary>
    public TimeSpan UnpaidSessionTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Most sessions one broadcaster address may hold; null: up to <see cref="MaxSessions"/>.</summary>
    public int? MaxSessionsPerSender { get; set; }

    /// <summary>
    /// When not empty, only these broadcasters are served: discovery and segments must be signed by one of them (off chain
    /// too, where it is the only gate; go-livepeer's off-chain broadcasters, which sign nothing, are then refused).
    /// </summary>
    public IReadOnlySet<Address> AllowedBroadcasters { get; set; } = new HashSet<Address>();

    /// <summary>How long renditions stay downloadable.</summary>
    public TimeSpan RenditionRetention { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Largest segment accepted.</summary>
    public int MaxSegmentBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Segments whose signed result is remembered, so a segment sent again gets the same signed answer.</summary>
    public int AnsweredSegmentsCapacity { get; set; } = 10_000;

    /// <summary>How long a signed result is remembered (longer than renditions are kept: after that a repeat is refused, not re-signed).</summary>
    public TimeSpan AnsweredSegmentsRetention { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// go-livepeer's off-chain mode: no ticket parameters offered, payments and signatures not required (a go broadcaster
    /// started without a chain sends an empty Livepeer-Payment header and empty signatures).
    /// </summary>
    public bool OffChain { get; set; }

    /// <summary>What this orchestrator's transcoders can do, sent to broadcasters (go-livepeer's capability numbers plus the project's).</summary>
    public IReadOnlyList<Livepeer.Wire.Compatibility.Capability> Capabilities { get; set; } = Transcoding.NodeCapabilities.Supported;

    /// <summary>Test only: how this orchestrator cheats (the CLI refuses it unless LIVEPEER_ALLOW_MISBEHAVIOUR=1).</summary>
    public Misbehaviour.Misbehaviour Misbehaviour { get; set; } = Orchestrator.Misbehaviour.Misbehaviour.None;

    /// <summary>Throws naming the first option out of range.</summary>
    public void Validate()
    {
        if (!ServiceUri.IsAbsoluteUri || ServiceUri.Scheme is not ("https" or "http")) throw new ArgumentException($"ServiceUri must be an absolute http(s) URI, got {ServiceUri}.");
        if (MaxSessions < 1) throw new ArgumentOutOfRangeException(nameof(MaxSessions), "Must be at least 1.");
        if (PixelsPerUnit.IsZero) throw new ArgumentOutOfRangeException(nameof(PixelsPerUnit), "Must be at least 1.");
        if (MaxSessionsPerSender is < 1) throw new ArgumentOutOfRangeException(nameof(MaxSessionsPerSender), "Must be at least 1.");
        if (UnpaidSessionTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(UnpaidSessionTimeout), "Must be positive.");
        if (SessionIdleTimeout <= TimeSpan.Zero || RenditionRetention <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(SessionIdleTimeout), "Timeouts must be positive.");
        if (AnsweredSegmentsCapacity < 1) throw new ArgumentOutOfRangeException(nameof(AnsweredSegmentsCapacity), "Must be at least 1.");
        if (AnsweredSegmentsRetention < RenditionRetention)
            throw new ArgumentOutOfRangeException(nameof(AnsweredSegmentsRetention), "Must be at least RenditionRetention, or a repeated segment could be signed twice.");
        if (MaxSegmentBytes < 1024) throw new ArgumentOutOfRangeException(nameof(MaxSegmentBytes), "Must be at least 1 KiB.");
    }
}
