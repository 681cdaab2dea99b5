using Microsoft.Extensions.Logging;

namespace Otel.Collector.Production.Cost;

/// <summary>
/// The prices in use: the price file's table, read at start (the options were validated, so it is valid) and again
/// by <see cref="Reload"/>; an invalid new version is logged and the previous prices stay.
/// </summary>
internal sealed class PriceBook
{
    private readonly string? _file;
    private readonly ILogger<PriceBook> _logger;
    private volatile PriceTable? _current;

    public PriceBook(CostOptions options, ILogger<PriceBook> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _file = options.PricesFile;
        _logger = logger;
        if (_file is not null)
        {
            var (table, errors) = PriceFile.Load(_file);
            _current = table ?? throw new InvalidOperationException(string.Join("; ", errors));
        }
    }

    /// <summary>Null when the collector has no price file.</summary>
    public PriceTable? Current => _current;

    /// <summary>What a cost says when there is no price file.</summary>
    public const string NoPriceFile = "the collector has no price file (serve --prices FILE)";

    /// <summary>Reads the file again; true when its prices changed.</summary>
    public bool Reload()
    {
        if (_file is null)
        {
            return false;
        }

        var (table, errors) = PriceFile.Load(_file);
        if (table is null)
        {
            CostLog.InvalidPriceFile(_logger, string.Join("; ", errors));
            return false;
        }

        if (table.Digest == _current?.Digest)
        {
            return false;
        }

        _current = table;
        CostLog.PricesReloaded(_logger, _file);
        return true;
    }
}
