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

    /// <summary>Every failure as (JSON Pointer of the instance, message), innermost first, without duplicates.</summary>
    public static IReadOnlyList<(string Pointer, string Message)> List(EvaluationResults results)
    {
        var found = new List<(string, string)>();
        foreach (var detail in (IEnumerable<EvaluationResults>?)results.Details ?? [results])
        {
            if (detail.Errors is null)
            {
                continue;
            }

            foreach (var (_, message) in detail.Errors)
            {
                var entry = (detail.InstanceLocation.ToString(), message);
                if (!found.Contains(entry))
                {
                    found.Add(entry);
                }
            }
        }

        if (found.Count == 0 && results.Errors is not null)
        {
            found.AddRange(results.Errors.Select(e => (results.InstanceLocation.ToString(), e.Value)));
        }

        return found;
    }
}
