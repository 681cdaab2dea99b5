using Microsoft.Extensions.Logging.Abstractions;
using Otel.Collector.Production.Cost;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Production.Cost;

/// <summary>The prices in use while the price file changes under a running collector.</summary>
public sealed class PriceBookTests
{
    private const string Prices = "currency: USD\ninstances:\n  - type: m5.xlarge\n    hourly: 0.192\n";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reload_InvalidThenValidChange_KeepsThePreviousPricesUntilTheFileIsValidAgain()
    {
        var directory = Path.Combine(TestDataDirectory.Path, "prices");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"book-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, Prices, Cancellation);
        var book = new PriceBook(new CostOptions { PricesFile = file }, NullLogger<PriceBook>.Instance);
        var first = book.Current!;

        var unchanged = book.Reload();
        await File.WriteAllTextAsync(file, Prices.Replace("0.192", "cheap", StringComparison.Ordinal), Cancellation);
        var invalid = book.Reload();
        var afterInvalid = book.Current;
        await File.WriteAllTextAsync(file, Prices.Replace("0.192", "0.384", StringComparison.Ordinal), Cancellation);
        var valid = book.Reload();

        Assert.Equal((false, false, true), (unchanged, invalid, valid));
        Assert.Same(first, afterInvalid);
        Assert.NotEqual(first.Digest, book.Current!.Digest);
        Assert.Equal(0.384, book.Current.HourlyPrice(new PricedResources("m5.xlarge", "", "", "", 1)).Hourly);
    }

    [Fact]
    public void Current_NoPriceFile_IsNullAndReloadChangesNothing()
    {
        var book = new PriceBook(new CostOptions(), NullLogger<PriceBook>.Instance);

        Assert.Null(book.Current);
        Assert.False(book.Reload());
    }
}
