using System.Globalization;
using System.Text;
using static CrisisCenter.Web.Reports.ReportText;

namespace CrisisCenter.Web.Reports;

/// <summary>
/// A horizontal bar chart as inline SVG, drawn on the server so the printed report needs no script. Labels are
/// encoded text; bars are scaled to the largest value. An empty series draws a "nothing measured" note instead.
/// </summary>
internal static class SvgBarChart
{
    private const int Width = 640;
    private const int LabelWidth = 220;
    private const int BarHeight = 18;
    private const int Gap = 6;

    public static string Render(string title, IReadOnlyList<(string Label, double Minutes)> bars)
    {
        var svg = new StringBuilder();
        var height = Math.Max(1, bars.Count) * (BarHeight + Gap) + 30;
        svg.Append(CultureInfo.InvariantCulture, $"<figure class=\"chart\"><figcaption>{Html(title)}</figcaption>");
        if (bars.Count == 0)
            return svg.Append("<p class=\"muted\">Nothing measured yet.</p></figure>").ToString();

        svg.Append(CultureInfo.InvariantCulture, $"<svg role=\"img\" aria-label=\"{Html(title)}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\">");
        var max = Math.Max(bars.Max(b => b.Minutes), 0.01);
        var scale = (Width - LabelWidth - 80) / max;
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, minutes) = bars[i];
            var y = 10 + i * (BarHeight + Gap);
            var length = Math.Max(1, minutes * scale);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 13}\" class=\"label\">{Html(label)}</text>")
               .Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{Number(length)}\" height=\"{BarHeight}\" class=\"bar\"/>")
               .Append(CultureInfo.InvariantCulture, $"<text x=\"{Number(LabelWidth + length + 6)}\" y=\"{y + 13}\" class=\"value\">{Number(minutes)} min</text>");
        }

        return svg.Append("</svg></figure>").ToString();
    }
}
