namespace Livepeer.Node.Orchestrator.Transcoders;

/// <summary>Settings of the orchestrator's transcoder pool.</summary>
public sealed record TranscoderPoolOptions
{
    /// <summary>Shared secret remote transcoders register with (<c>--orch-secret</c>).</summary>
    public required string Secret { get; init; }
    /// <summary>Shortest time a remote transcoder gets for a task; the limit is max(this, 4 x segment duration).</summary>
    public TimeSpan MinTaskTimeout { get; init; } = TimeSpan.FromSeconds(8);
    /// <summary>Largest result body accepted on POST /transcodeResults.</summary>
    public int MaxResultBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>Throws when a setting cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(Secret)) throw new ArgumentException("The transcoder secret is empty; pass --orch-secret with a non-empty value.");
        if (MinTaskTimeout <= TimeSpan.Zero) throw new ArgumentException("MinTaskTimeout must be positive.");
    }
}
