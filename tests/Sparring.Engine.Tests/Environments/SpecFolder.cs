using Sparring.Engine.Environments;
using Sparring.Engine.Tools;

namespace Sparring.Engine.Tests.Environments;

/// <summary>A temporary environment folder: a spec written from YAML text plus extra files, deleted on dispose.</summary>
internal sealed class SpecFolder : IDisposable
{
    public const string SpecFileName = "environment.yaml";

    public SpecFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sparring-spec-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    /// <summary>The environment folder.</summary>
    public string Path { get; }

    /// <summary>The spec file's full path, which is also the file name errors in it report.</summary>
    public string SpecPath => System.IO.Path.Combine(Path, SpecFileName);

    /// <summary>Writes the spec and extra files (relative name → content), replacing earlier ones.</summary>
    public SpecFolder Write(string yaml, params (string Name, string Content)[] files)
    {
        File.WriteAllText(SpecPath, yaml);
        foreach (var (name, content) in files)
        {
            var full = System.IO.Path.Combine(Path, name);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }

        return this;
    }

    /// <summary>The full path of a file in the folder, as errors about it name it.</summary>
    public string FilePath(string name) => System.IO.Path.Combine(Path, name);

    public Task<LoadedEnvironment> LoadAsync(ToolMemoOptions? toolMemo = null) => new EnvironmentLoader(toolMemo: toolMemo).LoadAsync(Path);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: the OS temp cleaner removes the folder later.
        }
    }
}
