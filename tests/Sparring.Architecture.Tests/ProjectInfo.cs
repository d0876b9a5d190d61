namespace Sparring.Architecture.Tests;

/// <summary>One project of the repository as its files state it: where it is, what it references directly, and every package its lock file resolves.</summary>
internal sealed record ProjectInfo(
    string Name,
    string Folder,
    string Path,
    IReadOnlyList<string> ProjectReferences,
    IReadOnlyList<string> PackageReferences,
    IReadOnlyList<string> LockedPackages)
{
    /// <summary>The top-level folder: functions, gpu-worker, environments, tools, tests or bench.</summary>
    public string Root => Folder.Split('/')[0];

    /// <summary>Test and benchmark projects, which may reference anything.</summary>
    public bool IsTestOrBench => Root is "tests" or "bench";
}
