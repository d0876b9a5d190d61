using Sparring.Engine.Tests.Environments;

namespace Sparring.Engine.Tests.Templates;

/// <summary><see cref="ValidSpec"/> with one scenario template whose generator is written inline.</summary>
internal static class TemplateSpec
{
    /// <summary>A generator over ValidSpec's state: asks where order A2 is; its key is its split and index.</summary>
    public const string Simple = """
        function generate(state, request, ctx) {
          return {
            key: request.split + '-' + request.index,
            scenario: {
              persona: { reasonForCall: 'Where is order A2?' },
              expected: { outputs: [state.orders.A2.status] },
            },
          };
        }
        """;

    /// <summary>The spec with template <paramref name="name"/> running <paramref name="generator"/>, and <paramref name="extra"/> top-level YAML.</summary>
    public static string With(string generator, int train = 3, int test = 1, string name = "gen", string extra = "")
    {
        var indented = string.Join("\n", generator.TrimEnd().Split('\n').Select(line => line.Length == 0 ? line : "      " + line));
        return ValidSpec.Yaml.TrimEnd() + $$"""

            scenarioTemplates:
              - name: {{name}}
                instances: { train: {{train}}, test: {{test}} }
                generator: |
            {{indented}}
            {{extra}}
            """;
    }
}
