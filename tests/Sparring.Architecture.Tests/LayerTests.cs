namespace Sparring.Architecture.Tests;

public sealed class LayerTests
{
    private readonly ProjectGraph _graph = ProjectGraph.Load(RepositoryPaths.Root);

    [Fact]
    public void Abstractions_reference_nothing()
    {
        var abstractions = _graph["Sparring.Abstractions"];
        Assert.Empty(abstractions.ProjectReferences);
        Assert.Empty(abstractions.LockedPackages);
    }

    [Theory]
    [InlineData("Sparring.Engine")]
    [InlineData("Sparring.Transcripts")]
    [InlineData("Sparring.ReportPages")]
    public void The_engine_and_what_builds_on_it_alone_know_nothing_of_Azure_Functions_Durable_or_TorchSharp(string name)
    {
        var project = _graph[name];
        var offending = project.LockedPackages.Where(IsInfrastructure).ToList();
        Assert.True(offending.Count == 0, $"{project.Path} resolves {string.Join(", ", offending)}, directly or through a dependency");
        Assert.All(_graph.Closure(name), reference => Assert.Equal("functions", _graph[reference].Root));
    }

    [Fact]
    public void The_engine_references_only_the_abstractions()
    {
        Assert.Equal(["Sparring.Abstractions"], _graph["Sparring.Engine"].ProjectReferences);
    }

    [Fact]
    public void Orchestration_knows_the_Durable_Task_abstractions_but_no_Azure_service_Functions_host_or_TorchSharp()
    {
        var project = _graph["Sparring.Orchestration"];
        var allowed = new[] { "Microsoft.DurableTask.Abstractions", "Microsoft.DurableTask.Analyzers", "Microsoft.Azure.DurableTask.Core" };
        var offending = project.LockedPackages.Where(p => IsInfrastructure(p) && !allowed.Contains(p, StringComparer.OrdinalIgnoreCase)).ToList();
        Assert.True(offending.Count == 0, $"{project.Path} resolves {string.Join(", ", offending)}");
        Assert.All(_graph.Closure(project.Name), reference => Assert.Equal("functions", _graph[reference].Root));
    }

    [Fact]
    public void No_library_and_nothing_deployed_references_the_sample_environments_code()
    {
        var offenders = _graph.Projects
            .Where(p => !p.IsTestOrBench && p.Name != LayerRules.LocalHost && p.Name != LayerRules.Samples && _graph.Closure(p.Name).Contains(LayerRules.Samples))
            .Select(p => p.Path)
            .ToList();
        Assert.True(offenders.Count == 0, $"these reference {LayerRules.Samples}: {string.Join(", ", offenders)}");
    }

    [Fact]
    public void Functions_reference_gpu_worker_only_from_the_local_host()
    {
        var offenders = _graph.Projects
            .Where(p => p.Root == "functions" && p.Name != LayerRules.LocalHost)
            .SelectMany(p => p.ProjectReferences.Where(r => _graph[r].Root == "gpu-worker").Select(r => $"{p.Name} → {r}"))
            .ToList();
        Assert.True(offenders.Count == 0, string.Join("; ", offenders));
    }

    [Fact]
    public void Gpu_worker_builds_only_on_the_contracts_engine_storage_and_telemetry_of_functions()
    {
        var offenders = _graph.Projects
            .Where(p => p.Root == "gpu-worker")
            .SelectMany(p => p.ProjectReferences.Where(r => _graph[r].Root == "functions" && !LayerRules.SharedWithGpuWorker.Contains(r)).Select(r => $"{p.Name} → {r}"))
            .ToList();
        Assert.True(offenders.Count == 0, string.Join("; ", offenders));
    }

    [Fact]
    public void The_Function_App_carries_no_training_code_and_no_TorchSharp()
    {
        var app = _graph["Sparring.Functions"];
        Assert.DoesNotContain(_graph.Closure(app.Name), r => _graph[r].Root == "gpu-worker");
        Assert.DoesNotContain(app.LockedPackages, p => p.StartsWith("TorchSharp", StringComparison.OrdinalIgnoreCase) || p.StartsWith("libtorch", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Only_the_training_library_references_TorchSharp_directly()
    {
        var offenders = _graph.Projects
            .Where(p => !p.IsTestOrBench && p.Name != "Sparring.Training" && p.PackageReferences.Any(r => r.StartsWith("TorchSharp", StringComparison.Ordinal) || r.StartsWith("libtorch", StringComparison.Ordinal)))
            .Select(p => p.Path)
            .ToList();
        Assert.True(offenders.Count == 0, string.Join(", ", offenders));
    }

    [Fact]
    public void Deployed_hosts_reference_no_other_host()
    {
        foreach (var host in LayerRules.Deployed.Append(LayerRules.LocalHost))
        {
            var others = LayerRules.Deployed.Append(LayerRules.LocalHost).Where(h => h != host);
            Assert.DoesNotContain(_graph.Closure(host), r => others.Contains(r));
        }
    }

    [Fact]
    public void Each_test_project_is_named_for_the_source_project_it_tests_and_references_it()
    {
        foreach (var test in _graph.Projects.Where(p => p.Root == "tests" && !LayerRules.TestsOfTheTree.Contains(p.Name)))
        {
            Assert.EndsWith(".Tests", test.Name, StringComparison.Ordinal);
            var source = test.Name[..^".Tests".Length];
            Assert.True(_graph.Projects.Any(p => p.Name == source && !p.IsTestOrBench), $"{test.Path} is named for no source project ({source})");
            Assert.True(test.ProjectReferences.Contains(source), $"{test.Path} does not reference {source}");
        }
    }

    [Fact]
    public void Every_project_has_a_committed_lock_file_and_is_in_the_solution()
    {
        var solution = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Functions.sln")).Replace('\\', '/');
        foreach (var project in _graph.Projects)
        {
            Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, project.Folder, "packages.lock.json")), $"{project.Folder} has no packages.lock.json (docs/dependencies.md)");
            Assert.True(solution.Contains($"\"{project.Path}\"", StringComparison.Ordinal), $"{project.Path} is not in Functions.sln");
        }
    }

    private static bool IsInfrastructure(string package) =>
        LayerRules.InfrastructurePackages.Any(prefix => package.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
}
