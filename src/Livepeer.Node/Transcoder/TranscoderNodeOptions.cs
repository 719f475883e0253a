namespace Livepeer.Node.Transcoder;

/// <summary>Settings of a remote transcoder node.</summary>
public sealed record TranscoderNodeOptions
{
    /// <summary>The orchestrator's address (https://host:port), <c>--orch-addr</c>.</summary>
    public required Uri OrchestratorUri { get; init; }
    /// <summary>The orchestrator's shared secret, <c>--orch-secret</c>.</summary>
    public required string Secret { get; init; }
    /// <summary>Most segments transcoded at once, <c>--capacity</c>.</summary>
    public int Capacity { get; init; } = 1;
    /// <summary>What this transcoder can do, sent when it registers (go-livepeer's numbers plus the project's).</summary>
    public IReadOnlyList<Livepeer.Wire.Compatibility.Capability> Capabilities { get; init; } = Transcoding.NodeCapabilities.Supported;
    /// <summary>First reconnect delay; it doubles per failed attempt.</summary>
    public TimeSpan BackoffInitial { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Longest reconnect delay.</summary>
    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Time limit of one source download or result upload.</summary>
    public TimeSpan HttpTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Throws with what to fix when a setting cannot work.</summary>
    public void Validate()
    {
        if (OrchestratorUri.Scheme != Uri.UriSchemeHttps) throw new ArgumentException($"--orch-addr {OrchestratorUri} must be an https:// address (the orchestrator serves TLS).");
        if (string.IsNullOrEmpty(Secret)) throw new ArgumentException("--orch-secret is empty: pass the secret the orchestrator was started with.");
        if (Capacity is < 1 or > 1024) throw new ArgumentException($"--capacity {Capacity} is out of range: pass 1 to 1024.");
        if (BackoffInitial <= TimeSpan.Zero || BackoffMax < BackoffInitial) throw new ArgumentException("Backoff must be positive and BackoffMax at least BackoffInitial.");
    }

    /// <summary>The reconnect delay after <paramref name="attempt"/> failures: doubling, capped, then jittered into [50%, 100%].</summary>
    public TimeSpan Backoff(int attempt, Random random)
    {
        var ceiling = Math.Min(BackoffMax.Ticks, BackoffInitial.Ticks * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromTicks((long)(ceiling * (0.5 + 0.5 * random.NextDouble())));
    }
}
