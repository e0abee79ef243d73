using KubeSharp.Api.Selectors;
using ModelLabelSelector = KubeSharp.Api.Model.LabelSelector;
using ModelRequirement = KubeSharp.Api.Model.LabelSelectorRequirement;

namespace KubeSharp.Api.Tests.Selectors;

public sealed class LabelSelectorTests
{
    static Dictionary<string, string> L(params string[] kv)
    {
        var d = new Dictionary<string, string>();
        for (int i = 0; i < kv.Length; i += 2) d[kv[i]] = kv[i + 1];
        return d;
    }

    [Theory]
    [InlineData("a=b", "a=b")]
    [InlineData("a==b", "a==b")]
    [InlineData(" a = b ", "a=b")]
    [InlineData("z!=y,a", "a,z!=y")]
    [InlineData("e in (y, x)", "e in (x,y)")]
    [InlineData("f notin (z)", "f notin (z)")]
    [InlineData("!h", "!h")]
    [InlineData("x in (foo,,baz),y,z notin ()", "x in (,baz,foo),y,z notin ()")]
    [InlineData("example.com/app=web", "example.com/app=web")]
    [InlineData("a=", "a=")]
    [InlineData("in in (in, notin)", "in in (in,notin)")]
    [InlineData("a>3,b<5", "a>3,b<5")]
    [InlineData("", "")]
    public void Parses_and_prints_canonical_form(string input, string expected) =>
        Assert.Equal(expected, LabelSelector.Parse(input).ToString());

    [Theory]
    [InlineData("a=b,c!=d,e in (x,y),f notin (z),g,!h", true)]
    [InlineData("a=b,c!=d,e in (x,y),f notin (z),g,!h,a=c", false)]
    [InlineData("c!=e", false)]
    [InlineData("c!=d", true)]
    [InlineData("missing!=d", true)]
    [InlineData("missing in (x)", false)]
    [InlineData("missing notin (x)", true)]
    [InlineData("e in (y)", false)]
    [InlineData("f notin (z,q)", true)]
    [InlineData("f notin (z,y)", false)]
    [InlineData("!g", false)]
    [InlineData("n>3", true)]
    [InlineData("n<3", false)]
    [InlineData("a>3", false)]
    public void Matches_as_upstream(string selector, bool expected)
    {
        var labels = L("a", "b", "c", "e", "e", "x", "f", "y", "g", "", "n", "10");
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(labels));
    }

    [Fact]
    public void Everything_and_nothing()
    {
        Assert.True(LabelSelector.Everything.Matches(null));
        Assert.True(LabelSelector.Parse("  ").IsEmpty);
        Assert.False(LabelSelector.Nothing.Matches(L("a", "b")));
        Assert.False(LabelSelector.Nothing.IsEmpty);
        Assert.True(LabelSelector.Parse("!a").Matches(null));
        Assert.False(LabelSelector.Parse("a").Matches(null));
    }

    [Theory]
    [InlineData("a=b,", "found '', expected: identifier after ','")]
    [InlineData("a=b c", "found 'c', expected: ',' or 'end of string'")]
    [InlineData("=b", "found '=', expected: !, identifier, or 'end of string'")]
    [InlineData("a b", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("a in x", "unable to parse requirement: found 'x' expected: '('")]
    [InlineData("a in (x y)", "unable to parse requirement: found 'y', expected: ',' or ')'")]
    [InlineData("a in (x", "unable to parse requirement: found '', expected: ',' or ')'")]
    [InlineData("a in (=)", "unable to parse requirement: found '=', expected: ',', ')' or identifier")]
    [InlineData("!=a", "found '!=', expected: !, identifier, or 'end of string'")]
    [InlineData("a=(", "unable to parse requirement: found '(', expected: identifier")]
    [InlineData("a>x", "unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value must be an integer")]
    public void Reports_upstream_parse_errors(string input, string message)
    {
        var e = Assert.Throws<SelectorParseException>(() => LabelSelector.Parse(input));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Bad_key_uses_upstreams_nil_path()
    {
        var e = Assert.Throws<SelectorParseException>(() => LabelSelector.Parse("a/b/c=d"));
        Assert.StartsWith("unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a qualified name must consist of", e.Message);
    }

    [Fact]
    public void Bad_value_names_key_and_index()
    {
        var e = Assert.Throws<SelectorParseException>(() => LabelSelector.Parse("app=-x-"));
        Assert.StartsWith("unable to parse requirement: values[0][app]: Invalid value: \"-x-\": a valid label must be an empty string", e.Message);
    }

    [Fact]
    public void Requires_exact_match()
    {
        var s = LabelSelector.Parse("a=b,c in (d),e in (f,g),h!=i");
        Assert.True(s.RequiresExactMatch("a", out var v) && v == "b");
        Assert.True(s.RequiresExactMatch("c", out v) && v == "d");
        Assert.False(s.RequiresExactMatch("e", out _));
        Assert.False(s.RequiresExactMatch("h", out _));
        Assert.False(s.RequiresExactMatch("zz", out _));
    }

    [Fact]
    public void Converts_model_selector()
    {
        var model = new ModelLabelSelector
        {
            MatchLabels = new() { ["tier"] = "web", ["app"] = "x" },
            MatchExpressions =
            [
                new ModelRequirement { Key = "env", Operator = "In", Values = ["prod", "dev"] },
                new ModelRequirement { Key = "legacy", Operator = "DoesNotExist" },
                new ModelRequirement { Key = "zone", Operator = "Exists" },
                new ModelRequirement { Key = "track", Operator = "NotIn", Values = ["canary"] },
            ],
        };
        var s = LabelSelector.FromModel(model);
        Assert.Equal("app=x,env in (dev,prod),!legacy,tier=web,track notin (canary),zone", s.ToString());
        Assert.True(s.Matches(L("app", "x", "tier", "web", "env", "dev", "zone", "a")));
        Assert.False(s.Matches(L("app", "x", "tier", "web", "env", "dev", "zone", "a", "track", "canary")));
        Assert.Equal(s.ToString(), LabelSelector.Format(model));
    }

    [Fact]
    public void Model_null_is_nothing_and_empty_is_everything()
    {
        Assert.True(LabelSelector.FromModel(null).IsNothing);
        Assert.True(LabelSelector.FromModel(new ModelLabelSelector()).IsEmpty);
        Assert.Equal("<none>", LabelSelector.Format(new ModelLabelSelector()));
        Assert.Equal("<none>", LabelSelector.Format(null));
    }

    [Fact]
    public void Model_errors_match_upstream()
    {
        var badOp = new ModelLabelSelector { MatchExpressions = [new ModelRequirement { Key = "a", Operator = "Gt" }] };
        Assert.Equal("\"Gt\" is not a valid label selector operator", Assert.Throws<SelectorParseException>(() => LabelSelector.FromModel(badOp)).Message);
        Assert.Equal("<error>", LabelSelector.Format(badOp));

        var emptyIn = new ModelLabelSelector { MatchExpressions = [new ModelRequirement { Key = "a", Operator = "In" }] };
        Assert.Equal("values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
            Assert.Throws<SelectorParseException>(() => LabelSelector.FromModel(emptyIn)).Message);

        var existsWithValues = new ModelLabelSelector { MatchExpressions = [new ModelRequirement { Key = "a", Operator = "Exists", Values = ["x"] }] };
        Assert.Equal("values: Invalid value: []string{\"x\"}: values set must be empty for exists and does not exist",
            Assert.Throws<SelectorParseException>(() => LabelSelector.FromModel(existsWithValues)).Message);
    }

    [Fact]
    public void Validates_model_selector_fields()
    {
        var model = new ModelLabelSelector
        {
            MatchLabels = new() { ["ok"] = "bad value" },
            MatchExpressions =
            [
                new ModelRequirement { Key = "a", Operator = "In" },
                new ModelRequirement { Key = "b", Operator = "Exists", Values = ["x"] },
                new ModelRequirement { Key = "c", Operator = "Nope" },
            ],
        };
        var errs = LabelSelectorValidation.Validate(model, "spec.selector").Select(e => e.ToString()).ToList();
        Assert.Equal(4, errs.Count);
        Assert.StartsWith("spec.selector.matchLabels: Invalid value: \"bad value\": a valid label", errs[0]);
        Assert.Equal("spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'", errs[1]);
        Assert.Equal("spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'", errs[2]);
        Assert.Equal("spec.selector.matchExpressions[2].operator: Invalid value: \"Nope\": not a valid selector operator", errs[3]);
    }
}
