using System.Text;
using Otel.Collector.ClickHouse;
using Otel.Collector.Pipeline;
using Otel.Collector.Tests.Infrastructure;

namespace Otel.Collector.Tests.Storage;

/// <summary>ClickHouse's numeric error codes reach <see cref="ClickHouseException.Code"/>, and the shipper's data-error codes are the engine's.</summary>
public sealed class ClickHouseErrorCodeTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ChDb_SyntaxError_CarriesCode62()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("code_syntax", [], Cancellation);

        var exception = await Assert.ThrowsAsync<ClickHouseException>(() => store.QueryAsync("SELEKT 1", "TabSeparated", cancellationToken: Cancellation));

        Assert.Equal(62, exception.Code);
        Assert.False(InsertErrorCodes.IsDataError(exception));
    }

    [Fact]
    public async Task ChDb_UnparsableRows_CarryADataErrorCode_MissingTableDoesNot()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("code_rows", [], Cancellation);
        await store.ExecuteAsync("CREATE TABLE items (id UInt32) ENGINE = MergeTree ORDER BY id", cancellationToken: Cancellation);

        var badRows = await Assert.ThrowsAsync<ClickHouseException>(() => store.InsertAsync("items", "JSONEachRow", "{\"id\":\"not a number\"}\n"u8.ToArray(), cancellationToken: Cancellation));
        var noTable = await Assert.ThrowsAsync<ClickHouseException>(() => store.InsertAsync("missing", "JSONEachRow", "{\"id\":1}\n"u8.ToArray(), cancellationToken: Cancellation));

        Assert.True(InsertErrorCodes.IsDataError(badRows), $"code {badRows.Code}: {badRows.Message}");
        Assert.Equal(60, noTable.Code);
        Assert.False(InsertErrorCodes.IsDataError(noTable));
    }

    [Fact]
    public async Task DataErrors_EveryCode_IsTheNamedErrorOfTheEngine()
    {
        await using var store = await TestStores.CreateEmbeddedAsync("code_names", [], Cancellation);
        var codes = InsertErrorCodes.DataErrors.Keys.Select(code => code.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var names = Encoding.UTF8.GetString(await store.QueryAsync(
            "SELECT arrayStringConcat(arrayMap(c -> errorCodeToName(toInt32(c)), {codes:Array(String)}), ',')", "TabSeparatedRaw",
            new QueryParameters().Add("codes", codes), Cancellation)).Trim();

        Assert.Equal(string.Join(",", InsertErrorCodes.DataErrors.Values), names);
    }

    [Theory]
    [InlineData("Code: 27. DB::Exception: Cannot parse input. (CANNOT_PARSE_INPUT_ASSERTION_FAILED)", 27)]
    [InlineData("ClickHouse server returned HTTP 500 with an empty response body. X-ClickHouse-Exception-Code: 241", 241)]
    [InlineData("Connection refused (127.0.0.1:8123)", null)]
    [InlineData(null, null)]
    public void FromMessage_ChDbAndServerForms_ReadsTheCode(string? message, int? expected) =>
        Assert.Equal(expected, ClickHouseErrorCode.FromMessage(message));
}
