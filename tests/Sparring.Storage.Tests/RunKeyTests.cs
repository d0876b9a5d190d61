using Sparring.Abstractions.Storage;

namespace Sparring.Storage.Tests;

/// <summary>A run file's full name, as messages and results give it, is where the stores put the file.</summary>
public sealed class RunKeyTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("sparring-runkey-").FullName;

    [Fact]
    public void A_files_path_is_the_run_folder_and_the_file_name_with_one_slash_between()
    {
        Assert.Equal("contoso/runs/nightly-20261127/nightly-report.md", new RunKey("contoso", "nightly-20261127").PathOf(RunFiles.NightlyReportText));
    }

    [Theory]
    [InlineData(RunFiles.Dataset)]
    [InlineData(RunFiles.Page)]
    [InlineData("trajectories-000.jsonl")]
    public async Task The_store_writes_a_run_file_at_its_path(string name)
    {
        var run = new RunKey("contoso", "r1");

        await new FolderTrajectoryStore(_root).WriteFileAsync(run, name, new MemoryStream([1, 2, 3]), CancellationToken.None);

        var written = Assert.Single(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories));
        Assert.Equal(run.PathOf(name), Path.GetRelativePath(_root, written).Replace(Path.DirectorySeparatorChar, '/'));
    }

    [Fact]
    public void Trajectory_parts_are_recognised_by_name()
    {
        Assert.True(RunFiles.IsTrajectoriesPart(RunFiles.TrajectoriesPart(12)));
        Assert.False(RunFiles.IsTrajectoriesPart(RunFiles.Trajectories));
        Assert.False(RunFiles.IsTrajectoriesPart(RunFiles.Dataset));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
