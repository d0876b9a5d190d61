using Sparring.ElfPatch;

namespace Sparring.Training.Tests;

/// <summary>The real libLibTorchSharp.so: the build patched the copy in this output folder, by exactly one flag.</summary>
public sealed class LibTorchSharpPatchTests
{
    private const string Wanted = "GLIBCXX_3.4.32";

    // The package's own file, copied beside the tests under another folder by the project file, so the tests need not know where the NuGet cache is.
    private static string Original => Path.Combine(AppContext.BaseDirectory, "original", "libLibTorchSharp.so");

    // Without a runtime identifier the native files stay under runtimes/linux-x64/native; with one (a linux-x64 publish) they lie beside the tests.
    private static string Output => new[]
        {
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so"),
            Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so"),
        }
        .First(File.Exists);

    [Fact]
    public void The_package_asks_for_the_version_as_a_strong_requirement()
    {
        var need = ElfVersionNeeds.Read(File.ReadAllBytes(Original)).Single(need => need.Name == Wanted);

        Assert.Equal("libstdc++.so.6", need.File);
        Assert.False(need.IsWeak);
    }

    [Fact]
    public void The_build_output_has_the_version_weak_and_nothing_else_changed()
    {
        var original = File.ReadAllBytes(Original);
        var output = File.ReadAllBytes(Output);

        var flags = ElfVersionNeeds.Read(output).Single(need => need.Name == Wanted);
        Assert.True(flags.IsWeak);
        Assert.Equal(original.Length, output.Length);
        var differing = Enumerable.Range(0, output.Length).Where(index => output[index] != original[index]).ToList();
        Assert.NotEmpty(differing);
        Assert.All(differing, index => Assert.InRange(index, flags.FlagsOffset, flags.FlagsOffset + 1));
    }

    [Fact]
    public void Patching_the_original_gives_the_build_outputs_bytes()
    {
        var image = File.ReadAllBytes(Original);

        var patch = ElfVersionNeeds.MakeWeak(image, Wanted);

        Assert.Single(patch.Changed);
        Assert.Equal(File.ReadAllBytes(Output), image);
        Assert.Equal(
            ElfVersionNeeds.Read(File.ReadAllBytes(Original)).Where(need => need.Name != Wanted),
            ElfVersionNeeds.Read(image).Where(need => need.Name != Wanted));
    }
}
