using Microsoft.Playwright;

namespace Sparring.Cli.Tests.ReportPages;

/// <summary>
/// Debian's chromium, driven by Playwright (its driver ships in the NuGet package; no browser is downloaded). A machine
/// without chromium fails the browser tests with the way to install it: CI installs it in .ci/run.
/// </summary>
internal static class HeadlessChromium
{
    /// <summary>The chromium executable: SPARRING_CHROMIUM, else chromium on the PATH.</summary>
    public static string Executable()
    {
        if (System.Environment.GetEnvironmentVariable("SPARRING_CHROMIUM") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : throw new InvalidOperationException($"SPARRING_CHROMIUM names {configured}, which does not exist.");
        }

        var found = (System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "chromium"))
            .FirstOrDefault(File.Exists);
        return found ?? throw new InvalidOperationException(
            "The report browser tests need Debian's chromium and it is not installed: run `apt-get install -y chromium` (as root or with sudo; .ci/run does it), or point SPARRING_CHROMIUM at a Chromium executable.");
    }

    /// <summary>Starts a headless chromium.</summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var executable = Executable();
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = executable, Headless = true });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Where screenshots go: screenshots/ in the test output folder.</summary>
    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
