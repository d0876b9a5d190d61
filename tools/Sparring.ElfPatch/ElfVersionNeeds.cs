using System.Buffers.Binary;
using System.Text;

namespace Sparring.ElfPatch;

/// <summary>Reads the version-needed entries of an ELF64 little-endian file and marks chosen ones weak, changing nothing else.</summary>
public static class ElfVersionNeeds
{
    private const int HeaderSize = 64;
    private const int SectionHeaderSize = 64;
    private const int VerneedSize = 16;
    private const int VernauxSize = 16;
    private const uint SectionTypeVerneed = 0x6ffffffe;
    private const string VerneedSectionName = ".gnu.version_r";

    /// <summary>Lists every Vernaux entry of the file's <c>.gnu.version_r</c> section.</summary>
    public static IReadOnlyList<VersionNeed> Read(ReadOnlySpan<byte> image)
    {
        CheckHeader(image);
        var shoff = ReadOffset(image, 0x28, "e_shoff");
        var shentsize = BinaryPrimitives.ReadUInt16LittleEndian(image[0x3A..]);
        var shnum = BinaryPrimitives.ReadUInt16LittleEndian(image[0x3C..]);
        var shstrndx = BinaryPrimitives.ReadUInt16LittleEndian(image[0x3E..]);
        if (shentsize != SectionHeaderSize)
        {
            throw new ElfFormatException($"section headers are {shentsize} bytes, not the {SectionHeaderSize} of ELF64");
        }

        if (shnum == 0 || shoff + (long)shnum * SectionHeaderSize > image.Length)
        {
            throw new ElfFormatException($"the section header table ({shnum} entries at offset {shoff}) does not fit in the file ({image.Length} bytes)");
        }

        if (shstrndx >= shnum)
        {
            throw new ElfFormatException($"the section name table index {shstrndx} is out of range ({shnum} sections)");
        }

        var names = Section.At(image, shoff, shstrndx);
        CheckInFile(image, names, "the section name table");
        for (var index = 0; index < shnum; index++)
        {
            var section = Section.At(image, shoff, index);
            if (section.Type == SectionTypeVerneed && ReadString(image, names, section.NameOffset) == VerneedSectionName)
            {
                if (section.Link >= shnum)
                {
                    throw new ElfFormatException($"{VerneedSectionName} links to string table {section.Link}, out of range ({shnum} sections)");
                }

                var strings = Section.At(image, shoff, (int)section.Link);
                CheckInFile(image, section, VerneedSectionName);
                CheckInFile(image, strings, "the version string table");
                return ReadVerneeds(image, section, strings);
            }
        }

        throw new ElfFormatException($"the file has no {VerneedSectionName} section (no version-needed entries)");
    }

    /// <summary>Sets <c>VER_FLG_WEAK</c> on every entry named <paramref name="versionName"/> in <paramref name="image"/>, in place.</summary>
    /// <exception cref="ElfFormatException">The image is not ELF64 little-endian, or no entry has that name (the message lists those it has).</exception>
    public static VersionNeedPatch MakeWeak(Span<byte> image, string versionName)
    {
        var needs = Read(image);
        var matched = needs.Where(need => need.Name == versionName).ToList();
        if (matched.Count == 0)
        {
            var found = string.Join(", ", needs.Select(need => $"{need.File}:{need.Name}"));
            throw new ElfFormatException($"no version-needed entry named {versionName}; the file needs {found}");
        }

        var changed = matched.Where(need => !need.IsWeak).ToList();
        foreach (var need in changed)
        {
            var flags = image.Slice(checked((int)need.FlagsOffset), sizeof(ushort));
            BinaryPrimitives.WriteUInt16LittleEndian(flags, (ushort)(need.Flags | VersionNeed.WeakFlag));
        }

        return new VersionNeedPatch(matched, changed);
    }

    /// <summary>Weakens the named entry of the file at <paramref name="path"/>; rewrites the file only when a flag changed.</summary>
    /// <remarks>
    /// The new content goes to a temporary file that then replaces the original, so a path that is a hard link
    /// into the NuGet cache is unlinked from it rather than written through, and a failed write leaves the old file whole.
    /// The file keeps its mode and modification time: MSBuild's copy of a package file keeps the package's time, and
    /// seeing the same size and time on the next build it leaves the patched copy in place instead of copying over it.
    /// </remarks>
    public static VersionNeedPatch PatchFile(string path, string versionName)
    {
        var image = File.ReadAllBytes(path);
        VersionNeedPatch patch;
        try
        {
            patch = MakeWeak(image, versionName);
        }
        catch (ElfFormatException e)
        {
            throw new ElfFormatException($"{path}: {e.Message}");
        }

        if (patch.Changed.Count > 0)
        {
            var temporary = path + ".elfpatch.tmp";
            File.WriteAllBytes(temporary, image);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(path));
            }

            File.SetLastWriteTimeUtc(temporary, File.GetLastWriteTimeUtc(path));

            File.Move(temporary, path, overwrite: true);
        }

        return patch;
    }

    private static void CheckHeader(ReadOnlySpan<byte> image)
    {
        if (image.Length < HeaderSize || image[0] != 0x7F || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
        {
            throw new ElfFormatException("not an ELF file (no \\x7FELF magic)");
        }

        if (image[4] != 2)
        {
            throw new ElfFormatException($"not a 64-bit ELF file (EI_CLASS is {image[4]}, expected 2)");
        }

        if (image[5] != 1)
        {
            throw new ElfFormatException($"not a little-endian ELF file (EI_DATA is {image[5]}, expected 1)");
        }
    }

    private static List<VersionNeed> ReadVerneeds(ReadOnlySpan<byte> image, Section verneed, Section strings)
    {
        var needs = new List<VersionNeed>();
        var end = verneed.Offset + verneed.Size;

        var entry = verneed.Offset;
        for (var count = 0; count < verneed.Info; count++)
        {
            CheckInside(entry, VerneedSize, verneed.Offset, end, "Verneed entry");
            var auxCount = BinaryPrimitives.ReadUInt16LittleEndian(image[(int)(entry + 2)..]);
            var file = ReadString(image, strings, BinaryPrimitives.ReadUInt32LittleEndian(image[(int)(entry + 4)..]));
            var aux = entry + BinaryPrimitives.ReadUInt32LittleEndian(image[(int)(entry + 8)..]);
            for (var auxIndex = 0; auxIndex < auxCount; auxIndex++)
            {
                CheckInside(aux, VernauxSize, verneed.Offset, end, "Vernaux entry");
                var flags = BinaryPrimitives.ReadUInt16LittleEndian(image[(int)(aux + 4)..]);
                var name = ReadString(image, strings, BinaryPrimitives.ReadUInt32LittleEndian(image[(int)(aux + 8)..]));
                needs.Add(new VersionNeed(file, name, flags, aux + 4));
                aux += BinaryPrimitives.ReadUInt32LittleEndian(image[(int)(aux + 12)..]);
            }

            var next = BinaryPrimitives.ReadUInt32LittleEndian(image[(int)(entry + 12)..]);
            if (next == 0)
            {
                break;
            }

            entry += next;
        }

        return needs;
    }

    private static void CheckInFile(ReadOnlySpan<byte> image, Section section, string what)
    {
        if (section.Offset + section.Size > image.Length)
        {
            throw new ElfFormatException($"{what} ({section.Size} bytes at offset {section.Offset}) does not fit in the file ({image.Length} bytes)");
        }
    }

    private static void CheckInside(long offset, int size, long start, long end, string what)
    {
        if (offset < start || offset + size > end)
        {
            throw new ElfFormatException($"a {what} at offset {offset} lies outside {VerneedSectionName} ({start}..{end})");
        }
    }

    private static string ReadString(ReadOnlySpan<byte> image, Section table, uint offset)
    {
        if (offset >= table.Size)
        {
            throw new ElfFormatException($"string offset {offset} lies outside its string table ({table.Size} bytes at offset {table.Offset})");
        }

        var bytes = image.Slice((int)(table.Offset + offset), (int)(table.Size - offset));
        var length = bytes.IndexOf((byte)0);
        if (length < 0)
        {
            throw new ElfFormatException($"the string at offset {offset} of a string table is not terminated");
        }

        return Encoding.UTF8.GetString(bytes[..length]);
    }

    private static long ReadOffset(ReadOnlySpan<byte> image, int at, string field)
    {
        var value = BinaryPrimitives.ReadUInt64LittleEndian(image[at..]);
        if (value > (ulong)image.Length)
        {
            throw new ElfFormatException($"{field} ({value}) lies past the end of the file ({image.Length} bytes)");
        }

        return (long)value;
    }

    private readonly record struct Section(uint NameOffset, uint Type, long Offset, long Size, uint Link, uint Info)
    {
        /// <summary>Reads a section header; its offset and size are checked only where the section is used, since .bss-like sections occupy no file bytes.</summary>
        public static Section At(ReadOnlySpan<byte> image, long tableOffset, int index)
        {
            var header = image.Slice((int)(tableOffset + (long)index * SectionHeaderSize), SectionHeaderSize);
            return new Section(
                BinaryPrimitives.ReadUInt32LittleEndian(header),
                BinaryPrimitives.ReadUInt32LittleEndian(header[4..]),
                (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(header[24..]), long.MaxValue / 2),
                (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(header[32..]), long.MaxValue / 2),
                BinaryPrimitives.ReadUInt32LittleEndian(header[40..]),
                BinaryPrimitives.ReadUInt32LittleEndian(header[44..]));
        }
    }
}
