using System.Globalization;

namespace Otel.Grafana.Tests.Harness.Alerting;

/// <summary>
/// Grafana's math expression (<c>$A &gt; 14.4 &amp;&amp; $B &gt; 14.4</c>) over numbers: <c>$X</c> or <c>${X}</c> names another step;
/// operators <c>|| &amp;&amp; == != &lt; &gt; &lt;= &gt;= + - * / % **</c>, unary <c>- !</c>, parentheses, and the functions abs, ceil,
/// floor, round, log, is_nan, is_inf, is_null, is_number. Comparisons and logic give 1 or 0. Two sets combine by
/// Grafana's union: instances whose labels agree on the keys both have; a set with one unlabelled number goes with all.
/// </summary>
internal sealed class MathExpression
{
    private readonly string _text;
    private int _position;

    private MathExpression(string text) => _text = text;

    public static IReadOnlyList<AlertValue> Evaluate(string text, IReadOnlyDictionary<string, IReadOnlyList<AlertValue>> steps)
    {
        var parser = new MathExpression(text);
        var node = parser.Or();
        parser.Skip();
        if (parser._position != text.Length)
        {
            throw new GrafanaQueryException($"math expression '{text}': unexpected '{text[parser._position..]}'");
        }

        return node(steps);
    }

    private delegate IReadOnlyList<AlertValue> Node(IReadOnlyDictionary<string, IReadOnlyList<AlertValue>> steps);

    private Node Or() => Binary(And, ["||"]);

    private Node And() => Binary(Equality, ["&&"]);

    private Node Equality() => Binary(Comparison, ["==", "!="]);

    private Node Comparison() => Binary(Sum, ["<=", ">=", "<", ">"]);

    private Node Sum() => Binary(Product, ["+", "-"]);

    private Node Product() => Binary(Power, ["*", "/", "%"]);

    private Node Power()
    {
        var left = Unary();
        if (!Take("**"))
        {
            return left;
        }

        var right = Power();
        return steps => Combine(left(steps), right(steps), (a, b) => Math.Pow(a, b));
    }

    private Node Unary()
    {
        if (Take("-"))
        {
            var operand = Unary();
            return steps => Map(operand(steps), v => -v);
        }

        if (Take("!"))
        {
            var operand = Unary();
            return steps => Map(operand(steps), v => v == 0 ? 1 : 0);
        }

        return Primary();
    }

    private Node Primary()
    {
        Skip();
        if (Take("("))
        {
            var inner = Or();
            Expect(")");
            return inner;
        }

        if (Take("$"))
        {
            var braced = Take("{");
            var name = Name();
            if (braced)
            {
                Expect("}");
            }

            return steps => steps.TryGetValue(name, out var values) ? Numbers(values, name)
                : throw new GrafanaQueryException($"math expression '{_text}': no step ${name} (steps: {string.Join(", ", steps.Keys)})");
        }

        if (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] == '.'))
        {
            var start = _position;
            while (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] is '.' or 'e' or 'E'))
            {
                _position++;
            }

            var number = double.Parse(_text[start.._position], CultureInfo.InvariantCulture);
            return _ => [new AlertValue(new Dictionary<string, string>(), number)];
        }

        var function = Name();
        Expect("(");
        var argument = Or();
        Expect(")");
        Func<double, double> apply = function switch
        {
            "abs" => Math.Abs,
            "ceil" => Math.Ceiling,
            "floor" => Math.Floor,
            "round" => v => Math.Round(v, MidpointRounding.AwayFromZero),
            "log" => Math.Log,
            "is_nan" => v => double.IsNaN(v) ? 1 : 0,
            "is_inf" => v => double.IsInfinity(v) ? 1 : 0,
            "is_number" => v => double.IsFinite(v) ? 1 : 0,
            "is_null" => _ => 0,
            _ => throw new GrafanaQueryException($"math expression '{_text}': unknown function '{function}'"),
        };
        return steps => argument(steps).Select(v => v with { Number = v.Number is { } n ? apply(n) : function == "is_null" ? 1 : null }).ToList();
    }

    private Node Binary(Func<Node> operand, string[] operators)
    {
        var left = operand();
        while (true)
        {
            var op = operators.FirstOrDefault(Take);
            if (op is null)
            {
                return left;
            }

            var (l, r) = (left, operand());
            Func<double, double, double> apply = op switch
            {
                "||" => (a, b) => a != 0 || b != 0 ? 1 : 0,
                "&&" => (a, b) => a != 0 && b != 0 ? 1 : 0,
                "==" => (a, b) => a == b ? 1 : 0,
                "!=" => (a, b) => a != b ? 1 : 0,
                "<=" => (a, b) => a <= b ? 1 : 0,
                ">=" => (a, b) => a >= b ? 1 : 0,
                "<" => (a, b) => a < b ? 1 : 0,
                ">" => (a, b) => a > b ? 1 : 0,
                "+" => (a, b) => a + b,
                "-" => (a, b) => a - b,
                "*" => (a, b) => a * b,
                "/" => (a, b) => a / b,
                _ => (a, b) => a % b,
            };
            left = steps => Combine(l(steps), r(steps), apply);
        }
    }

    private static IReadOnlyList<AlertValue> Combine(IReadOnlyList<AlertValue> left, IReadOnlyList<AlertValue> right, Func<double, double, double> apply) =>
        [.. from a in left
            from b in right
            where a.Joins(b)
            select new AlertValue(
                a.Labels.Concat(b.Labels).GroupBy(l => l.Key).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal),
                a.Number is { } x && b.Number is { } y ? apply(x, y) : null)];

    private static IReadOnlyList<AlertValue> Map(IReadOnlyList<AlertValue> values, Func<double, double> apply) =>
        [.. values.Select(v => v with { Number = v.Number is { } n ? apply(n) : null })];

    private static IReadOnlyList<AlertValue> Numbers(IReadOnlyList<AlertValue> values, string name) =>
        values.Any(v => v.IsSeries)
            ? throw new GrafanaQueryException($"math over ${name}: the harness combines numbers only; reduce the time series first")
            : values;

    private string Name()
    {
        Skip();
        var start = _position;
        while (_position < _text.Length && SqlText.IsNameCharacter(_text[_position]))
        {
            _position++;
        }

        return start == _position ? throw new GrafanaQueryException($"math expression '{_text}': expected a name at {start}") : _text[start.._position];
    }

    private bool Take(string token)
    {
        Skip();
        if (string.CompareOrdinal(_text, _position, token, 0, token.Length) != 0)
        {
            return false;
        }

        // "<" must not take the first half of "<=", nor "!" of "!=", nor "*" of "**".
        var next = _position + token.Length < _text.Length ? _text[_position + token.Length] : '\0';
        if ((token is "<" or ">" or "!" && next == '=') || (token == "*" && next == '*'))
        {
            return false;
        }

        _position += token.Length;
        return true;
    }

    private void Expect(string token)
    {
        if (!Take(token))
        {
            throw new GrafanaQueryException($"math expression '{_text}': expected '{token}' at {_position}");
        }
    }

    private void Skip()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }
}
