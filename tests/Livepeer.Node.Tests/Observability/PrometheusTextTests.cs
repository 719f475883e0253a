namespace Livepeer.Node.Tests.Observability;

/// <summary>The test parser accepts well-formed expositions and refuses each kind of malformed one.</summary>
public sealed class PrometheusTextTests
{
    private const string Good = """
        # HELP livepeer_x_total Things.
        # TYPE livepeer_x_total counter
        livepeer_x_total{reason="at-capacity"} 3
        livepeer_x_total{reason="a \"quoted\" \\ one\n"} 1
        # HELP livepeer_t_seconds Time.
        # TYPE livepeer_t_seconds histogram
        livepeer_t_seconds_sum 0.5
        livepeer_t_seconds_count 2
        livepeer_t_seconds_bucket{le="0.1"} 1
        livepeer_t_seconds_bucket{le="1"} 2
        livepeer_t_seconds_bucket{le="+Inf"} 2
        # TYPE livepeer_g gauge
        livepeer_g -1.5e3

        """;

    [Fact]
    public void AWellFormedExpositionParses()
    {
        var parsed = PrometheusText.Parse(Good);
        Assert.Equal(3, parsed.Value("livepeer_x_total", ("reason", "at-capacity")));
        Assert.Equal(1, parsed.Value("livepeer_x_total", ("reason", "a \"quoted\" \\ one\n")));
        Assert.Equal(2, parsed.Value("livepeer_t_seconds_count"));
        Assert.Equal(-1500, parsed.Value("livepeer_g"));
        Assert.True(parsed.Has("livepeer_t_seconds", "histogram"));
    }

    [Theory]
    [InlineData("livepeer_x_total{reason=\"at-capacity\"} 3", "9bad{reason=\"at-capacity\"} 3")] // metric name
    [InlineData("{reason=\"at-capacity\"}", "{9reason=\"at-capacity\"}")] // label name
    [InlineData("{reason=\"at-capacity\"}", "{reason=at-capacity}")] // unquoted label value
    [InlineData("livepeer_g -1.5e3", "livepeer_g twelve")] // value
    [InlineData("livepeer_t_seconds_bucket{le=\"1\"} 2", "livepeer_t_seconds_bucket{le=\"1\"} 0")] // not cumulative
    [InlineData("livepeer_t_seconds_count 2", "livepeer_t_seconds_count 3")] // +Inf differs from _count
    [InlineData("livepeer_t_seconds_bucket{le=\"+Inf\"} 2\n", "")] // no +Inf bucket
    [InlineData("# TYPE livepeer_g gauge", "# TYPE livepeer_g gauges")] // unknown type
    [InlineData("livepeer_x_total{reason=\"at-capacity\"} 3", "livepeer_x_total{reason=\"at-capacity\"} -3")] // negative counter
    public void EachViolationIsRefused(string part, string replacement)
    {
        Assert.Contains(part, Good);
        Assert.Throws<FormatException>(() => PrometheusText.Parse(Good.Replace(part, replacement)));
    }

    [Fact]
    public void AFamilySplitInTwoIsRefused() =>
        Assert.Throws<FormatException>(() => PrometheusText.Parse(Good + "livepeer_x_total{reason=\"late\"} 1\n"));
}
