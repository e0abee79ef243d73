using KubeSharp.Api.Validation;

namespace KubeSharp.Api.Selectors;

/// <summary>
/// Lexer and recursive-descent parser for the label selector query syntax. Mirrors upstream's
/// grammar and error texts so that kubectl users see the same messages.
/// </summary>
internal sealed class LabelSelectorParser
{
    enum Token { Error, EndOfString, ClosedPar, Comma, DoesNotExist, DoubleEquals, Equals, GreaterThan, Identifier, In, LessThan, NotEquals, NotIn, OpenPar }

    readonly record struct Item(Token Token, string Literal);

    static readonly Dictionary<string, Token> Keywords = new(StringComparer.Ordinal)
    {
        [")"] = Token.ClosedPar,
        [","] = Token.Comma,
        ["!"] = Token.DoesNotExist,
        ["=="] = Token.DoubleEquals,
        ["="] = Token.Equals,
        [">"] = Token.GreaterThan,
        ["in"] = Token.In,
        ["<"] = Token.LessThan,
        ["!="] = Token.NotEquals,
        ["notin"] = Token.NotIn,
        ["("] = Token.OpenPar,
    };

    const string BinaryOperators = "in, notin, =, ==, !=, gt, lt";

    readonly List<Item> _items;
    int _position;

    LabelSelectorParser(string selector) => _items = Scan(selector);

    public static List<LabelRequirement> Parse(string selector)
    {
        var requirements = new LabelSelectorParser(selector).ParseAll();
        // Stable sort by key, so the string form and matching order are deterministic.
        return requirements.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
    }

    static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';
    static bool IsSpecial(char c) => c is '=' or '!' or '(' or ')' or ',' or '>' or '<';

    static List<Item> Scan(string s)
    {
        var items = new List<Item>();
        int pos = 0;
        while (true)
        {
            while (pos < s.Length && IsWhitespace(s[pos])) pos++;
            if (pos >= s.Length)
            {
                items.Add(new Item(Token.EndOfString, ""));
                return items;
            }
            items.Add(IsSpecial(s[pos]) ? ScanSpecial(s, ref pos) : ScanIdentifier(s, ref pos));
        }
    }

    static Item ScanIdentifier(string s, ref int pos)
    {
        int start = pos;
        while (pos < s.Length && !IsSpecial(s[pos]) && !IsWhitespace(s[pos])) pos++;
        var lit = s[start..pos];
        return Keywords.TryGetValue(lit, out var tok) ? new Item(tok, lit) : new Item(Token.Identifier, lit);
    }

    // Longest run of symbol characters that still forms an operator ("!=" rather than "!" then "=").
    static Item ScanSpecial(string s, ref int pos)
    {
        int start = pos;
        Item? last = null;
        while (pos < s.Length && IsSpecial(s[pos]))
        {
            var buffer = s[start..(pos + 1)];
            if (Keywords.TryGetValue(buffer, out var tok))
            {
                last = new Item(tok, buffer);
                pos++;
            }
            else if (last is not null)
            {
                break;
            }
            else
            {
                pos++;
            }
        }
        return last ?? new Item(Token.Error, $"error expected: keyword found '{s[start..pos]}'");
    }

    // In the values context the words "in" and "notin" are ordinary identifiers.
    Item Lookahead(bool values)
    {
        var item = _items[_position];
        return values && (item.Token == Token.In || item.Token == Token.NotIn) ? item with { Token = Token.Identifier } : item;
    }

    Item Consume(bool values)
    {
        var item = Lookahead(values);
        _position++;
        return item;
    }

    List<LabelRequirement> ParseAll()
    {
        var requirements = new List<LabelRequirement>();
        while (true)
        {
            var (tok, lit) = Lookahead(values: true);
            switch (tok)
            {
                case Token.Identifier or Token.DoesNotExist:
                    LabelRequirement r;
                    try
                    {
                        r = ParseRequirement();
                    }
                    catch (SelectorParseException e)
                    {
                        throw new SelectorParseException("unable to parse requirement: " + e.Message);
                    }
                    requirements.Add(r);
                    var (t, l) = Consume(values: true);
                    switch (t)
                    {
                        case Token.EndOfString:
                            return requirements;
                        case Token.Comma:
                            var (t2, l2) = Lookahead(values: true);
                            if (t2 is not (Token.Identifier or Token.DoesNotExist))
                                throw new SelectorParseException($"found '{l2}', expected: identifier after ','");
                            break;
                        default:
                            throw new SelectorParseException($"found '{l}', expected: ',' or 'end of string'");
                    }
                    break;
                case Token.EndOfString:
                    return requirements;
                default:
                    throw new SelectorParseException($"found '{lit}', expected: !, identifier, or 'end of string'");
            }
        }
    }

    LabelRequirement ParseRequirement()
    {
        var (key, op) = ParseKeyAndInferOperator();
        if (op is SelectionOperator.Exists or SelectionOperator.DoesNotExist)
            return LabelRequirement.Create(key, op.Value, []);
        var binary = ParseOperator();
        var values = binary is SelectionOperator.In or SelectionOperator.NotIn ? ParseValues() : ParseExactValue();
        return LabelRequirement.Create(key, binary, values.Order(StringComparer.Ordinal).ToList());
    }

    (string Key, SelectionOperator? Op) ParseKeyAndInferOperator()
    {
        SelectionOperator? op = null;
        var (tok, lit) = Consume(values: true);
        if (tok == Token.DoesNotExist)
        {
            op = SelectionOperator.DoesNotExist;
            (tok, lit) = Consume(values: true);
        }
        if (tok != Token.Identifier)
            throw new SelectorParseException($"found '{lit}', expected: identifier");
        var keyErrs = NameValidation.IsQualifiedName(lit);
        if (keyErrs.Count > 0)
            // upstream validates with a nil field path here, which prints as "<nil>"
            throw new SelectorParseException(FieldError.Invalid("<nil>", lit, string.Join("; ", keyErrs)).ToString());
        if (Lookahead(values: true).Token is Token.EndOfString or Token.Comma && op is null)
            op = SelectionOperator.Exists;
        return (lit, op);
    }

    SelectionOperator ParseOperator()
    {
        var (tok, lit) = Consume(values: false);
        return tok switch
        {
            Token.In => SelectionOperator.In,
            Token.Equals => SelectionOperator.Equals,
            Token.DoubleEquals => SelectionOperator.DoubleEquals,
            Token.GreaterThan => SelectionOperator.GreaterThan,
            Token.LessThan => SelectionOperator.LessThan,
            Token.NotIn => SelectionOperator.NotIn,
            Token.NotEquals => SelectionOperator.NotEquals,
            _ => throw new SelectorParseException($"found '{lit}', expected: {BinaryOperators}"),
        };
    }

    HashSet<string> ParseValues()
    {
        var (tok, lit) = Consume(values: true);
        if (tok != Token.OpenPar)
            throw new SelectorParseException($"found '{lit}' expected: '('");
        (tok, lit) = Lookahead(values: true);
        switch (tok)
        {
            case Token.Identifier or Token.Comma:
                var set = ParseIdentifiersList();
                if (Consume(values: true).Token != Token.ClosedPar)
                    throw new SelectorParseException($"found '{lit}', expected: ')'");
                return set;
            case Token.ClosedPar:
                Consume(values: true);
                return [""];
            default:
                throw new SelectorParseException($"found '{lit}', expected: ',', ')' or identifier");
        }
    }

    // Empty entries ("(,a)", "(a,,b)", "(a,)") stand for the empty value.
    HashSet<string> ParseIdentifiersList()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var (tok, lit) = Consume(values: true);
            switch (tok)
            {
                case Token.Identifier:
                    set.Add(lit);
                    var (t2, l2) = Lookahead(values: true);
                    if (t2 == Token.Comma) continue;
                    if (t2 == Token.ClosedPar) return set;
                    throw new SelectorParseException($"found '{l2}', expected: ',' or ')'");
                case Token.Comma:
                    if (set.Count == 0) set.Add("");
                    var next = Lookahead(values: true).Token;
                    if (next == Token.ClosedPar)
                    {
                        set.Add("");
                        return set;
                    }
                    if (next == Token.Comma)
                    {
                        Consume(values: true);
                        set.Add("");
                    }
                    break;
                default:
                    throw new SelectorParseException($"found '{lit}', expected: ',', or identifier");
            }
        }
    }

    HashSet<string> ParseExactValue()
    {
        if (Lookahead(values: true).Token is Token.EndOfString or Token.Comma)
            return [""];
        var (tok, lit) = Consume(values: true);
        if (tok == Token.Identifier)
            return [lit];
        throw new SelectorParseException($"found '{lit}', expected: identifier");
    }
}
