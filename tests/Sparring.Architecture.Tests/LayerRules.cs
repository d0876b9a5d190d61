namespace Sparring.Architecture.Tests;

/// <summary>Which project may reference which: the one statement of the layers, which the tests check and docs/architecture.md explains.</summary>
internal static class LayerRules
{
    /// <summary>Packages that tie a library to Azure services, the Functions host, the Durable hosts or TorchSharp, by name prefix.</summary>
    public static readonly string[] InfrastructurePackages =
    [
        "Azure.", "Microsoft.Azure.Functions.", "Microsoft.Azure.WebJobs", "Microsoft.DurableTask.", "Microsoft.Azure.DurableTask.",
        "TorchSharp", "libtorch", "OpenTelemetry",
    ];

    /// <summary>The sample environments' own code (generator, reference and imperfect agents): hosts register it, libraries never reference it.</summary>
    public const string Samples = "Sparring.Samples";

    /// <summary>The local host: it composes the whole product in one process (evaluation, training, serving, the worker), so it alone in functions/ references gpu-worker/.</summary>
    public const string LocalHost = "Sparring.Cli";

    /// <summary>The projects of functions/ that gpu-worker/ may build on: contracts and the engine, storage, and telemetry wiring.</summary>
    public static readonly string[] SharedWithGpuWorker = ["Sparring.Abstractions", "Sparring.Engine", "Sparring.Storage", "Sparring.Telemetry"];

    /// <summary>What is deployed to Azure: the Function App and the GPU worker's container.</summary>
    public static readonly string[] Deployed = ["Sparring.Functions", "Sparring.GpuWorker"];

    /// <summary>Test projects named for no source project (they test the tree itself).</summary>
    public static readonly string[] TestsOfTheTree = ["Sparring.Architecture.Tests"];
}
