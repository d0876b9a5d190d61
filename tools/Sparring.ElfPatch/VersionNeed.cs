namespace Sparring.ElfPatch;

/// <summary>One version-needed (Vernaux) entry of <c>.gnu.version_r</c>: the library it is needed from, the version name, its flags and where the flags lie in the file.</summary>
/// <param name="File">The needed library, e.g. <c>libstdc++.so.6</c>.</param>
/// <param name="Name">The version name, e.g. <c>GLIBCXX_3.4.32</c>.</param>
/// <param name="Flags">The entry's <c>vna_flags</c>.</param>
/// <param name="FlagsOffset">The file offset of the two bytes of <c>vna_flags</c>.</param>
public sealed record VersionNeed(string File, string Name, ushort Flags, long FlagsOffset)
{
    /// <summary>The <c>VER_FLG_WEAK</c> bit: the dynamic linker accepts a library that lacks this version.</summary>
    public const ushort WeakFlag = 0x2;

    /// <summary>Whether the entry is already weak.</summary>
    public bool IsWeak => (Flags & WeakFlag) != 0;
}
