using Livepeer.Media.Profiles;

namespace Livepeer.Node.Orchestrator.Capacity;

/// <summary>`--max-sessions auto` end to end: make the test segment, warm up, then measure rounds of concurrent transcodes.</summary>
public static class CapacityProbe
{
    /// <summary>The most sessions measured: beyond twice the cores a machine is far past real time anyway.</summary>
    public static int Limit => Math.Clamp(Environment.ProcessorCount * 2, 2, 64);

    /// <summary>
    /// Measures <paramref name="transcoder"/> on <paramref name="ladder"/> from a <paramref name="width"/>x<paramref name="height"/>
    /// 30 fps segment of <paramref name="seconds"/>.
    /// </summary>
    public static async Task<CapacityMeasurement> MeasureAsync(IOrchestratorTranscoder transcoder, IReadOnlyList<VideoProfile> ladder, IProgress<string>? progress,
        CancellationToken ct, int width = 1920, int height = 1080, int seconds = 2, int? limit = null)
    {
        var name = $"{width}x{height}p30 -> {string.Join('/', ladder.Select(p => p.Name))}";
        progress?.Report($"Measuring capacity for {name}: making a {seconds} s test segment and warming up...");
        var trial = await TranscodeTrial.CreateAsync(transcoder, ladder, width, height, seconds, ct);
        await trial.WarmUpAsync(ct);
        return await CapacityEstimator.MeasureAsync(trial.RunAsync, trial.SegmentMs, limit ?? Limit, name, progress, ct);
    }
}
