using Json.Schema;

namespace Sparring.Engine.Tools;

/// <summary>Turns JSON Schema evaluation results into short messages that name the failing location.</summary>
public static class ArgumentErrors
{
    /// <summary>One line per failure: "/path: message", the root written as "(root)".</summary>
    public static string Describe(EvaluationResults results, int max = 5)
    {
        var messages = List(results).Take(max).Select(e => $"{(e.Pointer.Length == 0 ? "(root)" : e.Pointer)}: {e.Message}");
        return string.Join("; ", messages);
    }

    /// <summary>
    /// Every failure as (JSON Pointer of the instance, message), without duplicates, from hierarchical results. Only
    /// failing branches are walked: a passing anyOf keeps its failed alternatives, which are not mistakes.
    /// </summary>
    public static IReadOnlyList<(string Pointer, string Message)> List(EvaluationResults results)
    {
        var found = new List<(string, string)>();
        Collect(results, found);
        return found;
    }

    private static void Collect(EvaluationResults node, List<(string, string)> found)
    {
        if (node.IsValid)
        {
            return;
        }

        var pointer = node.InstanceLocation.ToString();
        foreach (var (keyword, message) in node.Errors ?? [])
        {
            var entry = (pointer, Explain(keyword, message, pointer, node.EvaluationPath.ToString()));
            if (!found.Contains(entry))
            {
                found.Add(entry);
            }
        }

        foreach (var child in node.Details ?? [])
        {
            Collect(child, found);
        }
    }

    private static string Explain(string keyword, string message, string pointer, string evaluationPath)
    {
        if (keyword == "required")
        {
            var names = message.Replace("Required properties [", string.Empty, StringComparison.Ordinal)
                .Replace("] are not present", string.Empty, StringComparison.Ordinal)
                .Replace("\"", "'", StringComparison.Ordinal);
            return $"missing required property {names}";
        }

        if (keyword is "" or "false" &&
            (evaluationPath.EndsWith("/additionalProperties", StringComparison.Ordinal) || evaluationPath.EndsWith("/unevaluatedProperties", StringComparison.Ordinal)))
        {
            return $"unknown property '{pointer[(pointer.LastIndexOf('/') + 1)..].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)}'";
        }

        return message;
    }
}
