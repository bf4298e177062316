using System.Globalization;
using System.Text;

namespace OrleansConnect.Deploy.Tests;

/// <summary>
/// A template expression of a compiled ARM template (<c>"[concat(createArray(...), ...)]"</c>) as a tree, so that the
/// tests can read what the compiler inlined (the env entries, the secrets) without evaluating anything.
/// </summary>
internal abstract record ArmExpression
{
    /// <summary>A string, number or boolean.</summary>
    public sealed record Literal(object Value) : ArmExpression;

    /// <summary><c>name(arguments)</c>.</summary>
    public sealed record Call(string Name, IReadOnlyList<ArmExpression> Arguments) : ArmExpression;

    /// <summary><c>target.name</c>.</summary>
    public sealed record Property(ArmExpression Target, string Name) : ArmExpression;

    /// <summary><c>target[index]</c>.</summary>
    public sealed record Index(ArmExpression Target, ArmExpression Key) : ArmExpression;

    /// <summary>
    /// A value of the template: a string in brackets is an expression (<c>[[</c> escapes a literal bracket), anything
    /// else a literal.
    /// </summary>
    public static ArmExpression FromValue(string value) =>
        value.StartsWith('[') && !value.StartsWith("[[", StringComparison.Ordinal) && value.EndsWith(']')
            ? Parse(value[1..^1])
            : new Literal(value.StartsWith("[[", StringComparison.Ordinal) ? value[1..] : value);

    public static ArmExpression Parse(string text)
    {
        var parser = new Parser(text);
        var expression = parser.Expression();
        parser.End();
        return expression;
    }

    /// <summary>This node and every node under it.</summary>
    public IEnumerable<ArmExpression> DescendantsAndSelf()
    {
        yield return this;
        var children = this switch
        {
            Call call => call.Arguments,
            Property property => [property.Target],
            Index index => [index.Target, index.Key],
            _ => [],
        };
        foreach (var node in children.SelectMany(c => c.DescendantsAndSelf()))
        {
            yield return node;
        }
    }

    /// <summary>The keys and values of a <c>createObject('key', value, ...)</c> call; null for any other node.</summary>
    public IReadOnlyDictionary<string, ArmExpression>? AsObject() =>
        this is Call { Name: "createObject" } call && call.Arguments.Count % 2 == 0 && call.Arguments.Where((_, i) => i % 2 == 0).All(a => a is Literal { Value: string })
            ? call.Arguments.Chunk(2).ToDictionary(p => (string)((Literal)p[0]).Value, p => p[1], StringComparer.Ordinal)
            : null;

    /// <summary>The first argument of <c>name('...')</c> when this is such a call with a string literal, e.g. parameters('x').</summary>
    public string? NameIn(string function) =>
        this is Call { Arguments: [Literal { Value: string name }, ..] } call && string.Equals(call.Name, function, StringComparison.OrdinalIgnoreCase) ? name : null;

    private sealed class Parser(string text)
    {
        private int _position;

        public ArmExpression Expression()
        {
            SkipSpaces();
            ArmExpression expression = Peek() switch
            {
                '\'' => new Literal(StringLiteral()),
                var c when char.IsDigit(c) || c == '-' => new Literal(Number()),
                _ => FunctionCall(),
            };
            while (true)
            {
                SkipSpaces();
                if (TryTake('.'))
                {
                    expression = new Property(expression, Identifier());
                }
                else if (TryTake('['))
                {
                    var key = Expression();
                    Take(']');
                    expression = new Index(expression, key);
                }
                else
                {
                    return expression;
                }
            }
        }

        public void End()
        {
            SkipSpaces();
            if (_position != text.Length)
            {
                throw Error("the end of the expression");
            }
        }

        private Call FunctionCall()
        {
            var name = Identifier();
            Take('(');
            var arguments = new List<ArmExpression>();
            SkipSpaces();
            if (!TryTake(')'))
            {
                do
                {
                    arguments.Add(Expression());
                    SkipSpaces();
                }
                while (TryTake(','));
                Take(')');
            }

            return new Call(name, arguments);
        }

        private string StringLiteral()
        {
            Take('\'');
            var value = new StringBuilder();
            while (true)
            {
                if (_position >= text.Length)
                {
                    throw Error("the end of a string");
                }

                var c = text[_position++];
                if (c != '\'')
                {
                    value.Append(c);
                }
                else if (Peek() == '\'')
                {
                    value.Append('\'');
                    _position++;
                }
                else
                {
                    return value.ToString();
                }
            }
        }

        private object Number()
        {
            var start = _position;
            _position++;
            while (_position < text.Length && (char.IsDigit(text[_position]) || text[_position] == '.'))
            {
                _position++;
            }

            var number = text[start.._position];
            return number.Contains('.', StringComparison.Ordinal)
                ? double.Parse(number, CultureInfo.InvariantCulture)
                : long.Parse(number, CultureInfo.InvariantCulture);
        }

        private string Identifier()
        {
            SkipSpaces();
            var start = _position;
            while (_position < text.Length && (char.IsLetterOrDigit(text[_position]) || text[_position] == '_'))
            {
                _position++;
            }

            return _position > start ? text[start.._position] : throw Error("a name");
        }

        private char Peek() => _position < text.Length ? text[_position] : '\0';

        private bool TryTake(char c)
        {
            if (Peek() != c)
            {
                return false;
            }

            _position++;
            return true;
        }

        private void Take(char c)
        {
            SkipSpaces();
            if (!TryTake(c))
            {
                throw Error($"'{c}'");
            }
        }

        private void SkipSpaces()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }

        private FormatException Error(string expected) =>
            new($"Expected {expected} at {_position} in the ARM expression {text}");
    }
}
