using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Sparring.Abstractions.Json;
using Sparring.Orchestration.Contracts;

namespace Sparring.Functions.DependencyInjection;

/// <summary>
/// How the app serializes orchestration inputs, outputs and custom status: System.Text.Json with the source-generated
/// contexts, falling back to reflection only for types the worker itself passes through (none of ours).
/// </summary>
public static class FunctionAppJson
{
    /// <summary>Web defaults (camelCase), resolving Sparring's types from the source-generated contexts first.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(OrchestrationJsonContext.Default, SparringJsonContext.Default, new DefaultJsonTypeInfoResolver()),
        };
        options.MakeReadOnly();
        return options;
    }
}
