namespace Otel.Collector.ClickHouse.ChDb;

/// <summary>The one-paragraph explanation every chDB acquisition failure ends with: what happened, then what to do.</summary>
internal static class ChDbRemedy
{
    public static string Explain(ChDbPackage package, string whatHappened) =>
        $"The embedded ClickHouse engine (chDB {package.Version}) could not be set up: {whatHappened}. " +
        $"It is fetched once per user with `npm pack {package.NpmSpec}` (about 180 MB) and cached; " +
        "to fix this, install Node.js with npm (for example `apt-get install nodejs npm`) and start again, " +
        $"or download the npm package {package.NpmSpec} yourself, extract {ChDbPackage.LibraryEntryName} from it and set " +
        $"{ChDbLibraryLocator.LibraryPathVariable} to the extracted file's path, or use a ClickHouse server instead of the embedded engine.";
}
