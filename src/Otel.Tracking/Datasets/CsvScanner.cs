using System.Text;

namespace Otel.Tracking.Datasets;

/// <summary>
/// Counts CSV records and infers the columns while the bytes stream past (fed by the digest, so a file is read
/// once). RFC 4180 quoting: quoted fields may hold delimiters, <c>""</c> and line breaks. Records end at LF, CRLF
/// or CR; blank lines are skipped; the first record is the header. Only the first <see cref="SampleRows"/> rows
/// are kept as text, so memory stays small whatever the file size; <paramref name="records"/>, when given, also gets
/// the header and the data records it wants (baseline profiling samples rows this way).
/// </summary>
internal sealed class CsvScanner(char delimiter, ICsvRecordSink? records = null)
{
    public const int SampleRows = 1000;
    private const int MaxSampledFieldLength = 256;

    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetDecoder();
    private readonly StringBuilder _field = new();
    private readonly List<(string Text, bool Truncated)> _fields = [];
    private char[] _chars = new char[4096];
    private State _state = State.FieldStart;
    private bool _recordHasContent;
    private bool _fieldTruncated;
    private bool _afterCarriageReturn;
    private bool _atStart = true;
    private bool _recordStarted;
    private bool _recordWanted;
    private List<string>? _header;
    private ColumnTypeGuess[] _guesses = [];
    private long _rows;

    private enum State
    {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }

    private bool Sampling => _header is null || _rows < SampleRows || _recordWanted;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        var needed = _decoder.GetCharCount(bytes, flush: false);
        if (needed > _chars.Length)
        {
            _chars = new char[needed];
        }

        var count = _decoder.GetChars(bytes, _chars, flush: false);
        Process(_chars.AsSpan(0, count));
    }

    /// <summary>The data rows (header excluded) and the columns, after the last byte.</summary>
    public (long Rows, IReadOnlyList<DatasetColumn> Columns) Complete()
    {
        var count = _decoder.GetChars([], _chars, flush: true);
        Process(_chars.AsSpan(0, count));
        if (_recordHasContent || _state != State.FieldStart)
        {
            EndRecord();
        }

        var columns = (_header ?? []).Select((name, i) => new DatasetColumn(name, _guesses[i].Type)).ToList();
        return (_rows, columns);
    }

    private void Process(ReadOnlySpan<char> chars)
    {
        foreach (var c in chars)
        {
            if (_atStart)
            {
                _atStart = false;
                if (c == '\uFEFF')
                {
                    continue;
                }
            }

            if (_afterCarriageReturn)
            {
                _afterCarriageReturn = false;
                if (c == '\n')
                {
                    continue;
                }
            }

            Step(c);
        }
    }

    private void Step(char c)
    {
        if (!_recordStarted && c is not ('\n' or '\r'))
        {
            _recordStarted = true;
            _recordWanted = records is not null && (_header is null || records.WantsRecord());
        }

        switch (_state)
        {
            case State.Quoted:
                if (c == '"')
                {
                    _state = State.QuoteInQuoted;
                }
                else
                {
                    Add(c);
                }

                return;
            case State.QuoteInQuoted when c == '"':
                Add('"');
                _state = State.Quoted;
                return;
        }

        if (c == delimiter)
        {
            _recordHasContent = true;
            EndField();
        }
        else if (c is '\n' or '\r')
        {
            _afterCarriageReturn = c == '\r';
            EndRecord();
        }
        else if (c == '"' && _state == State.FieldStart)
        {
            _recordHasContent = true;
            _state = State.Quoted;
        }
        else
        {
            Add(c);
            _state = State.Unquoted;
        }
    }

    private void Add(char c)
    {
        _recordHasContent = true;
        if (!Sampling)
        {
            return;
        }

        if (_field.Length < MaxSampledFieldLength)
        {
            _field.Append(c);
        }
        else
        {
            _fieldTruncated = true;
        }
    }

    private void EndField()
    {
        if (Sampling)
        {
            _fields.Add((_field.ToString(), _fieldTruncated));
        }

        _field.Clear();
        _fieldTruncated = false;
        _state = State.FieldStart;
    }

    private void EndRecord()
    {
        if (!_recordHasContent)
        {
            _recordStarted = _recordWanted = false;
            _state = State.FieldStart;
            return;
        }

        EndField();
        if (_recordWanted)
        {
            records!.OnRecord([.. _fields.Select(f => f.Text)]);
        }

        _recordStarted = _recordWanted = false;
        if (_header is null)
        {
            _header = [.. _fields.Select(f => f.Text.Trim())];
            _guesses = [.. _header.Select(_ => new ColumnTypeGuess())];
        }
        else
        {
            if (_rows < SampleRows)
            {
                for (var i = 0; i < Math.Min(_fields.Count, _guesses.Length); i++)
                {
                    _guesses[i].Observe(_fields[i].Text, _fields[i].Truncated);
                }
            }

            _rows++;
        }

        _fields.Clear();
        _recordHasContent = false;
    }
}
