using System.Diagnostics;
using System.Runtime.Versioning;
using Sparring.ElfPatch;

namespace Sparring.Training.Tests;

/// <summary>The patcher on files: it rewrites only when a flag changes, keeps the mode, never writes through a hard link, and its command fails readably.</summary>
// Unix file modes and `ln`: these tests, like the libtorch this project tests against, are for Linux.
[SupportedOSPlatform("linux")]
public sealed class PatchFileTests : IDisposable
{
    private const string Wanted = "GLIBCXX_3.4.32";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("sparring-elfpatch-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void PatchFile_rewrites_the_file_once_and_leaves_it_alone_after()
    {
        var path = WriteLibrary("lib.so");

        var first = ElfVersionNeeds.PatchFile(path, Wanted);
        var old = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, old);
        var second = ElfVersionNeeds.PatchFile(path, Wanted);

        Assert.Single(first.Changed);
        Assert.Empty(second.Changed);
        Assert.Equal(old, File.GetLastWriteTimeUtc(path));
        Assert.True(ElfVersionNeeds.Read(File.ReadAllBytes(path)).Single(need => need.Name == Wanted).IsWeak);
        Assert.Empty(_folder.GetFiles("*.tmp"));
    }

    [Fact]
    public void PatchFile_keeps_the_files_mode_and_modification_time()
    {
        var path = WriteLibrary("lib.so");
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead;
        var time = new DateTime(2026, 5, 7, 10, 3, 28, DateTimeKind.Utc);
        File.SetUnixFileMode(path, mode);
        File.SetLastWriteTimeUtc(path, time);

        var patch = ElfVersionNeeds.PatchFile(path, Wanted);

        Assert.Single(patch.Changed);
        Assert.Equal(mode, File.GetUnixFileMode(path));
        Assert.Equal(time, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void PatchFile_on_a_hard_link_leaves_the_other_name_unpatched()
    {
        var cached = WriteLibrary("cached.so");
        var copied = Path.Combine(_folder.FullName, "copied.so");
        Run("ln", cached, copied);
        var original = File.ReadAllBytes(cached);

        ElfVersionNeeds.PatchFile(copied, Wanted);

        Assert.Equal(original, File.ReadAllBytes(cached));
        Assert.NotEqual(original, File.ReadAllBytes(copied));
    }

    [Fact]
    public void PatchFile_names_the_file_in_its_errors()
    {
        var path = Path.Combine(_folder.FullName, "notes.txt");
        File.WriteAllText(path, "not a library");

        var error = Assert.Throws<ElfFormatException>(() => ElfVersionNeeds.PatchFile(path, Wanted));

        Assert.StartsWith(path + ": not an ELF file", error.Message);
    }

    [Fact]
    public void The_command_patches_and_reports()
    {
        var path = WriteLibrary("lib.so");

        var (exitCode, output) = RunPatcher(path, Wanted);

        Assert.Equal(0, exitCode);
        Assert.Contains($"libstdc++.so.6:{Wanted} marked weak", output);
        Assert.Contains("already weak", RunPatcher(path, Wanted).Output);
    }

    [Fact]
    public void The_command_fails_with_an_msbuild_error_line_for_a_missing_version()
    {
        var path = WriteLibrary("lib.so");

        var (exitCode, output) = RunPatcher(path, "GLIBCXX_9.9");

        Assert.Equal(1, exitCode);
        Assert.Contains("Sparring.ElfPatch : error ELFPATCH2: ", output);
        Assert.Contains("no version-needed entry named GLIBCXX_9.9; the file needs libstdc++.so.6:GLIBCXX_3.4.30", output);
    }

    private string WriteLibrary(string name)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllBytes(path, SyntheticElf.Build(("libstdc++.so.6", ["GLIBCXX_3.4.30", Wanted])));
        return path;
    }

    private static (int ExitCode, string Output) RunPatcher(params string[] arguments) =>
        Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "Sparring.ElfPatch.dll"), .. arguments]);

    private static (int ExitCode, string Output) Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}
