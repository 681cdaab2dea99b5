namespace Otel.Tracking.Datasets;

/// <summary>Receives the records of a CSV file as <see cref="CsvScanner"/> reads them: the header, then the data records it wants.</summary>
internal interface ICsvRecordSink
{
    /// <summary>Asked once per data record before its fields are read; a record not wanted is never turned into strings.</summary>
    bool WantsRecord();

    /// <summary>The header, then each wanted data record (fields longer than 256 characters are cut there).</summary>
    void OnRecord(IReadOnlyList<string> fields);
}
