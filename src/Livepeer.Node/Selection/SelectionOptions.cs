using Livepeer.Core;
using Livepeer.Node.Payments;

namespace Livepeer.Node.Selection;

/// <summary>How a broadcaster chooses orchestrators.</summary>
public sealed class SelectionOptions
{
    /// <summary>Weight of stake share in the selection probability, in percent (DESIGN.md: 70).</summary>
    public int StakeWeightPercent { get; set; } = 70;

    private readonly Lock _capLock = new();
    private UInt256? _maxPricePerUnit;
    private UInt256 _maxPixelsPerUnit = UInt256.One;

    /// <summary>Most the broadcaster pays, in wei per <see cref="MaxPixelsPerUnit"/> pixels; null means no cap.</summary>
    public UInt256? MaxPricePerUnit { get { lock (_capLock) return _maxPricePerUnit; } set { lock (_capLock) _maxPricePerUnit = value; } }

    /// <summary>Pixels the price cap covers.</summary>
    public UInt256 MaxPixelsPerUnit { get { lock (_capLock) return _maxPixelsPerUnit; } set { lock (_capLock) _maxPixelsPerUnit = value; } }

    /// <summary>
    /// The cap as one exact fraction (go-livepeer's -maxPricePerUnit / -pixelsPerUnit), read and changed as a whole so a
    /// change at runtime (the control port) is never seen half made; null: no cap. It applies to sessions chosen after it.
    /// </summary>
    public PixelPrice? MaxPrice
    {
        get
        {
            lock (_capLock)
                return _maxPricePerUnit is { } max && !_maxPixelsPerUnit.IsZero ? PixelPrice.Of(max, _maxPixelsPerUnit) : null;
        }
        set
        {
            lock (_capLock)
                (_maxPricePerUnit, _maxPixelsPerUnit) = value is { } cap ? (cap.PricePerUnit, cap.PixelsPerUnit) : ((UInt256?)null, UInt256.One);
        }
    }

    /// <summary>A session is reused while round trip / segment duration stays at or below this, in percent (100 = 1.0).</summary>
    public int MaxLatencyScorePercent { get; set; } = 100;

    /// <summary>Attempts per segment before giving up on transcoding it (the source still plays).</summary>
    public int MaxAttemptsPerSegment { get; set; } = 3;

    /// <summary>First suspension of a failing orchestrator; doubles with each further failure.</summary>
    public TimeSpan BaseSuspension { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// When no unsuspended orchestrator is left (one failed and it is the only one), a suspended one is tried again this
    /// long after its failure, doubling with each further failure up to <see cref="BaseSuspension"/>: a lone orchestrator
    /// that comes back costs seconds of renditions, not the whole suspension.
    /// </summary>
    public TimeSpan AloneRetry { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest suspension.</summary>
    public TimeSpan MaxSuspension { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Throws when an option is out of range, naming it.</summary>
    public void Validate()
    {
        if (StakeWeightPercent is < 0 or > 100) throw new ArgumentOutOfRangeException(nameof(StakeWeightPercent), StakeWeightPercent, "Must be 0..100.");
        if (MaxPixelsPerUnit.IsZero) throw new ArgumentOutOfRangeException(nameof(MaxPixelsPerUnit), "Must be at least 1.");
        if (MaxLatencyScorePercent < 1) throw new ArgumentOutOfRangeException(nameof(MaxLatencyScorePercent), MaxLatencyScorePercent, "Must be at least 1.");
        if (MaxAttemptsPerSegment is < 1 or > 10) throw new ArgumentOutOfRangeException(nameof(MaxAttemptsPerSegment), MaxAttemptsPerSegment, "Must be 1..10.");
        if (AloneRetry <= TimeSpan.Zero || AloneRetry > BaseSuspension) throw new ArgumentOutOfRangeException(nameof(AloneRetry), "Must be positive and at most BaseSuspension.");
        if (BaseSuspension <= TimeSpan.Zero || MaxSuspension < BaseSuspension)
            throw new ArgumentOutOfRangeException(nameof(BaseSuspension), "Suspensions must be positive and BaseSuspension <= MaxSuspension.");
    }
}
