using Sparring.ElfPatch;

namespace Sparring.Training.Tests;

/// <summary>The patcher on small synthetic ELF64 files: what it reads, the one flag it sets, and how it refuses other files.</summary>
public sealed class ElfVersionNeedsTests
{
    private const string Wanted = "GLIBCXX_3.4.32";

    private static byte[] Library() => SyntheticElf.Build(
        ("libstdc++.so.6", ["GLIBCXX_3.4.30", Wanted, "CXXABI_1.3.13"]),
        ("libc.so.6", ["GLIBC_2.34"]));

    [Fact]
    public void Read_lists_every_version_needed_with_its_library()
    {
        var needs = ElfVersionNeeds.Read(Library());

        Assert.Equal(
            ["libstdc++.so.6:GLIBCXX_3.4.30", $"libstdc++.so.6:{Wanted}", "libstdc++.so.6:CXXABI_1.3.13", "libc.so.6:GLIBC_2.34"],
            needs.Select(need => $"{need.File}:{need.Name}"));
        Assert.All(needs, need => Assert.False(need.IsWeak));
    }

    [Fact]
    public void MakeWeak_sets_the_weak_flag_on_the_named_entry_only()
    {
        var image = Library();

        var patch = ElfVersionNeeds.MakeWeak(image, Wanted);

        var changed = Assert.Single(patch.Changed);
        Assert.Equal(Wanted, changed.Name);
        var after = ElfVersionNeeds.Read(image);
        Assert.Equal([Wanted], after.Where(need => need.IsWeak).Select(need => need.Name));
        Assert.Equal(VersionNeed.WeakFlag, after.Single(need => need.Name == Wanted).Flags);
    }

    [Fact]
    public void MakeWeak_changes_no_byte_outside_that_entrys_flags()
    {
        var original = Library();
        var image = original.ToArray();

        var patch = ElfVersionNeeds.MakeWeak(image, Wanted);

        var flags = Assert.Single(patch.Changed).FlagsOffset;
        var differing = Enumerable.Range(0, image.Length).Where(index => image[index] != original[index]).ToList();
        Assert.NotEmpty(differing);
        Assert.All(differing, index => Assert.InRange(index, flags, flags + 1));
    }

    [Fact]
    public void MakeWeak_twice_changes_nothing_the_second_time()
    {
        var image = Library();
        ElfVersionNeeds.MakeWeak(image, Wanted);
        var once = image.ToArray();

        var again = ElfVersionNeeds.MakeWeak(image, Wanted);

        Assert.Empty(again.Changed);
        Assert.True(Assert.Single(again.Matched).IsWeak);
        Assert.Equal(once, image);
    }

    [Fact]
    public void MakeWeak_keeps_other_flags_of_the_entry()
    {
        var image = Library();
        var need = ElfVersionNeeds.Read(image).Single(need => need.Name == Wanted);
        image[need.FlagsOffset + 1] = 0x80;

        ElfVersionNeeds.MakeWeak(image, Wanted);

        Assert.Equal(0x8002, ElfVersionNeeds.Read(image).Single(need => need.Name == Wanted).Flags);
    }

    [Fact]
    public void A_missing_version_fails_and_names_the_versions_found()
    {
        var image = SyntheticElf.Build(("libstdc++.so.6", ["GLIBCXX_3.4.30"]), ("libc.so.6", ["GLIBC_2.34"]));
        var original = image.ToArray();

        var error = Assert.Throws<ElfFormatException>(() => ElfVersionNeeds.MakeWeak(image, Wanted));

        Assert.Contains($"no version-needed entry named {Wanted}", error.Message);
        Assert.Contains("libstdc++.so.6:GLIBCXX_3.4.30, libc.so.6:GLIBC_2.34", error.Message);
        Assert.Equal(original, image);
    }

    [Fact]
    public void A_file_without_version_needs_fails_clearly()
    {
        var image = SyntheticElf.Build(withVersionSection: false, ("libc.so.6", ["GLIBC_2.34"]));

        var error = Assert.Throws<ElfFormatException>(() => ElfVersionNeeds.MakeWeak(image, Wanted));

        Assert.Contains("no .gnu.version_r section", error.Message);
    }

    [Fact]
    public void Input_that_is_not_elf_fails_clearly()
    {
        var error = Assert.Throws<ElfFormatException>(() => ElfVersionNeeds.MakeWeak("#!/bin/sh\necho not a library\n"u8.ToArray(), Wanted));

        Assert.Contains("not an ELF file", error.Message);
    }

    [Fact]
    public void A_32_bit_elf_fails_clearly()
    {
        var image = Library();
        image[4] = 1;

        var error = Assert.Throws<ElfFormatException>(() => ElfVersionNeeds.MakeWeak(image, Wanted));

        Assert.Contains("not a 64-bit ELF file", error.Message);
    }

    [Fact]
    public void A_big_endian_elf_fails_clearly()
    {
        var image = Library();
        image[5] = 2;

        var error = Assert.Throws<ElfFormatException>(() => ElfVersionNeeds.MakeWeak(image, Wanted));

        Assert.Contains("not a little-endian ELF file", error.Message);
    }

    [Theory]
    [InlineData(64)]
    [InlineData(100)]
    [InlineData(200)]
    public void A_truncated_file_fails_as_malformed_not_with_an_index_error(int length)
    {
        var image = Library()[..length];

        Assert.Throws<ElfFormatException>(() => ElfVersionNeeds.MakeWeak(image, Wanted));
    }
}
