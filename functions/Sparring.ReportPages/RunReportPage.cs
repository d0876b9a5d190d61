using System.Net;
using System.Text;
using System.Text.Json;

namespace Sparring.ReportPages;

/// <summary>
/// Renders report.html: one self-contained file (its style, script and data inline; nothing loaded from the network)
/// whose script draws the charts as SVG and the episode viewer from the data embedded as JSON.
/// </summary>
public static class RunReportPage
{
    private static readonly string Template = Resource("report.html");
    private static readonly string Style = Resource("report.css");
    private static readonly string Script = Resource("report.js");

    /// <summary>The page for <paramref name="content"/>.</summary>
    public static string Render(RunReportPageContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var page = new StringBuilder(Template.Length + Style.Length + Script.Length + 64 * 1024);
        var rest = Template.AsSpan();
        foreach (var (marker, value) in new[] { ("{{TITLE}}", WebUtility.HtmlEncode(content.Title)), ("{{STYLE}}", Style), ("{{DATA}}", Data(content)), ("{{SCRIPT}}", Script) })
        {
            // Each marker is cut out of the template once, in order, so nothing inside a substituted value is ever read as a marker.
            var at = rest.IndexOf(marker, StringComparison.Ordinal);
            page.Append(rest[..at]).Append(value);
            rest = rest[(at + marker.Length)..];
        }

        return page.Append(rest).ToString();
    }

    /// <summary>The page for <paramref name="content"/> as UTF-8.</summary>
    public static byte[] RenderUtf8(RunReportPageContent content) => Encoding.UTF8.GetBytes(Render(content));

    // '<' only occurs inside JSON strings, where \u003c means the same: no "</script>" or "<!--" can end the data block early.
    internal static string Data(RunReportPageContent content) =>
        JsonSerializer.Serialize(content, ReportsJsonContext.Default.RunReportPageContent).Replace("<", "\\u003c", StringComparison.Ordinal);

    private static string Resource(string name)
    {
        using var stream = typeof(RunReportPage).Assembly.GetManifestResourceStream($"Sparring.ReportPages.{name}")
            ?? throw new InvalidOperationException($"The report page resource {name} is missing from {typeof(RunReportPage).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
