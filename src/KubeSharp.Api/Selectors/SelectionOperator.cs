namespace KubeSharp.Api.Selectors;

/// <summary>The operators of a label requirement (upstream's selection.Operator).</summary>
public enum SelectionOperator
{
    Equals,
    DoubleEquals,
    NotEquals,
    In,
    NotIn,
    Exists,
    DoesNotExist,
    GreaterThan,
    LessThan,
}

public static class SelectionOperatorExtensions
{
    /// <summary>The operator as upstream spells it in messages ("=", "notin", "gt", "!", "exists", …).</summary>
    public static string ToToken(this SelectionOperator op) => op switch
    {
        SelectionOperator.Equals => "=",
        SelectionOperator.DoubleEquals => "==",
        SelectionOperator.NotEquals => "!=",
        SelectionOperator.In => "in",
        SelectionOperator.NotIn => "notin",
        SelectionOperator.Exists => "exists",
        SelectionOperator.DoesNotExist => "!",
        SelectionOperator.GreaterThan => "gt",
        SelectionOperator.LessThan => "lt",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };
}
