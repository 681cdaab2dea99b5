using System.Text;

namespace Otel.Cli.Output;

/// <summary>
/// Passes text on without the spaces and tabs that end a line: column padding would otherwise leave them in piped output, where
/// they break diffs and exact-match tests. Whitespace is held back until something other than a line end follows it.
/// </summary>
internal sealed class TrailingWhitespaceTrimmingWriter(TextWriter inner) : TextWriter
{
    private readonly StringBuilder _pending = new();

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        switch (value)
        {
            case ' ' or '\t':
                _pending.Append(value);
                break;
            case '\r' or '\n':
                _pending.Clear();
                inner.Write(value);
                break;
            default:
                if (_pending.Length > 0)
                {
                    inner.Write(_pending);
                    _pending.Clear();
                }

                inner.Write(value);
                break;
        }
    }

    public override void Write(string? value)
    {
        foreach (var character in value ?? string.Empty)
        {
            Write(character);
        }
    }

    public override void Flush() => inner.Flush();
}
