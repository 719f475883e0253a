using System.Globalization;
using System.Text;

namespace Livepeer.Cli.Charts;

/// <summary>Writes small-multiple line charts as standalone SVG text (no chart package needed).</summary>
public static class SvgLineChart
{
    /// <summary>One panel: a title, a unit and one value per x.</summary>
    public sealed record Series(string Title, string Unit, IReadOnlyList<decimal> Values, string Color);

    /// <summary>An SVG document with one panel per series stacked vertically, sharing the x axis (rounds).</summary>
    public static string Render(string title, IReadOnlyList<long> x, IReadOnlyList<Series> series)
    {
        const int width = 900, panelHeight = 180, left = 90, right = 20, top = 40, gap = 40;
        var height = top + series.Count * (panelHeight + gap);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{width / 2}\" y=\"24\" text-anchor=\"middle\" font-size=\"16\">{Escape(title)}</text>\n");
        for (var i = 0; i < series.Count; i++)
        {
            var s = series[i];
            var y0 = top + i * (panelHeight + gap) + 20;
            var plotW = width - left - right;
            var plotH = panelHeight - 30;
            var min = s.Values.Count == 0 ? 0 : s.Values.Min();
            var max = s.Values.Count == 0 ? 1 : s.Values.Max();
            if (max == min) { max += 1; min -= 1; }
            var xMin = x.Count == 0 ? 0 : x[0];
            var xMax = x.Count == 0 ? 1 : Math.Max(x[^1], xMin + 1);
            string Px(int k) => F(left + (decimal)(x[k] - xMin) / (xMax - xMin) * plotW);
            string Py(decimal v) => F(y0 + plotH - (v - min) / (max - min) * plotH);
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{y0 - 6}\" font-weight=\"bold\">{Escape(s.Title)} ({Escape(s.Unit)})</text>\n");
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{y0}\" width=\"{plotW}\" height=\"{plotH}\" fill=\"none\" stroke=\"#ccc\"/>\n");
            for (var t = 0; t <= 4; t++)
            {
                var v = min + (max - min) * t / 4;
                var yy = Py(v);
                sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{left + plotW}\" y1=\"{yy}\" y2=\"{yy}\" stroke=\"#eee\"/>");
                sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{yy}\" text-anchor=\"end\" dominant-baseline=\"middle\">{Label(v)}</text>\n");
            }
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{y0 + plotH + 16}\">round {xMin}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + plotW}\" y=\"{y0 + plotH + 16}\" text-anchor=\"end\">round {xMax}</text>\n");
            if (s.Values.Count > 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{s.Color}\" stroke-width=\"2\" points=\"");
                for (var k = 0; k < s.Values.Count && k < x.Count; k++) sb.Append(Px(k)).Append(',').Append(Py(s.Values[k])).Append(' ');
                sb.Append("\"/>\n");
            }
        }
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static string F(decimal v) => Math.Round(v, 1).ToString(CultureInfo.InvariantCulture);

    private static string Label(decimal v) =>
        Math.Abs(v) >= 1_000_000 ? (v / 1_000_000).ToString("0.###", CultureInfo.InvariantCulture) + "M"
        : v.ToString(Math.Abs(v) >= 100 ? "0.#" : "0.####", CultureInfo.InvariantCulture);

    private static string Escape(string s) => s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
}
