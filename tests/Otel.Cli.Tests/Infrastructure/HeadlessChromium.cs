using PuppeteerSharp;

namespace Otel.Cli.Tests.Infrastructure;

/// <summary>
/// The system's Chromium (Debian's <c>chromium</c> package, which <c>.ci/run</c> installs), driven headless through the
/// DevTools protocol by PuppeteerSharp. Never a downloaded browser: without one on PATH, tests skip saying so.
/// </summary>
internal static class HeadlessChromium
{
    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    /// <summary>The first Chromium on PATH, or null.</summary>
    public static string? Find() => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .SelectMany(directory => Names.Select(name => Path.Combine(directory, name)))
        .FirstOrDefault(File.Exists);

    public const string SkipReason = "no Chromium on PATH (apt-get install chromium; .ci/run installs it): the report is tested in a real browser";

    public static Task<IBrowser> LaunchAsync(string executable) => Puppeteer.LaunchAsync(new LaunchOptions
    {
        ExecutablePath = executable,
        Headless = true,
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions"],
        Timeout = (int)CliProcess.Timeout.TotalMilliseconds,
    });
}
