using System.Buffers.Binary;
using System.Text;

namespace Sparring.Training.Tests;

/// <summary>Builds a small ELF64 little-endian file with a .dynstr, a .gnu.version_r and a .shstrtab, laid out as linkers do.</summary>
internal static class SyntheticElf
{
    private const int HeaderSize = 64;
    private const int SectionHeaderSize = 64;

    /// <summary>One needed library and the versions it is needed at, all with flags 0.</summary>
    public static byte[] Build(params (string File, string[] Versions)[] needs) => Build(withVersionSection: true, needs);

    public static byte[] Build(bool withVersionSection, params (string File, string[] Versions)[] needs)
    {
        var dynstr = new StringTable();
        var verneed = new List<byte>();
        for (var index = 0; index < needs.Length; index++)
        {
            var (file, versions) = needs[index];
            var entry = new byte[16 + (16 * versions.Length)];
            BinaryPrimitives.WriteUInt16LittleEndian(entry, 1);
            BinaryPrimitives.WriteUInt16LittleEndian(entry.AsSpan(2), (ushort)versions.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(4), dynstr.Add(file));
            BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(8), 16);
            BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(12), index == needs.Length - 1 ? 0u : (uint)entry.Length);
            for (var aux = 0; aux < versions.Length; aux++)
            {
                var at = entry.AsSpan(16 + (16 * aux));
                BinaryPrimitives.WriteUInt32LittleEndian(at, (uint)versions[aux].GetHashCode(StringComparison.Ordinal));
                BinaryPrimitives.WriteUInt16LittleEndian(at[6..], (ushort)(aux + 2));
                BinaryPrimitives.WriteUInt32LittleEndian(at[8..], dynstr.Add(versions[aux]));
                BinaryPrimitives.WriteUInt32LittleEndian(at[12..], aux == versions.Length - 1 ? 0u : 16u);
            }

            verneed.AddRange(entry);
        }

        var shstrtab = new StringTable();
        var sections = new List<(uint Name, uint Type, byte[] Data, uint Link, uint Info)>
        {
            (0, 0, [], 0, 0),
            (shstrtab.Add(".dynstr"), 3, dynstr.ToArray(), 0, 0),
        };
        if (withVersionSection)
        {
            sections.Add((shstrtab.Add(".gnu.version_r"), 0x6ffffffe, verneed.ToArray(), 1, (uint)needs.Length));
        }

        sections.Add((shstrtab.Add(".shstrtab"), 3, shstrtab.ToArray(), 0, 0));

        var body = new List<byte>();
        var offsets = new List<long>();
        foreach (var section in sections)
        {
            offsets.Add(HeaderSize + body.Count);
            body.AddRange(section.Data);
            while (body.Count % 8 != 0)
            {
                body.Add(0);
            }
        }

        var sectionHeaderOffset = HeaderSize + body.Count;
        var image = new byte[sectionHeaderOffset + (sections.Count * SectionHeaderSize)];
        "\u007FELF"u8.CopyTo(image);
        image[4] = 2;
        image[5] = 1;
        image[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x10), 3);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x12), 62);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(0x14), 1);
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(0x28), (ulong)sectionHeaderOffset);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x34), HeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x3A), SectionHeaderSize);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x3C), (ushort)sections.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(0x3E), (ushort)(sections.Count - 1));
        body.CopyTo(image, HeaderSize);
        for (var index = 0; index < sections.Count; index++)
        {
            var header = image.AsSpan(sectionHeaderOffset + (index * SectionHeaderSize), SectionHeaderSize);
            var section = sections[index];
            BinaryPrimitives.WriteUInt32LittleEndian(header, section.Name);
            BinaryPrimitives.WriteUInt32LittleEndian(header[4..], section.Type);
            BinaryPrimitives.WriteUInt64LittleEndian(header[24..], index == 0 ? 0ul : (ulong)offsets[index]);
            BinaryPrimitives.WriteUInt64LittleEndian(header[32..], (ulong)section.Data.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(header[40..], section.Link);
            BinaryPrimitives.WriteUInt32LittleEndian(header[44..], section.Info);
            BinaryPrimitives.WriteUInt64LittleEndian(header[48..], index == 0 ? 0ul : 8ul);
        }

        return image;
    }

    private sealed class StringTable
    {
        private readonly List<byte> _bytes = [0];

        public uint Add(string value)
        {
            var offset = (uint)_bytes.Count;
            _bytes.AddRange(Encoding.UTF8.GetBytes(value));
            _bytes.Add(0);
            return offset;
        }

        public byte[] ToArray() => [.. _bytes];
    }
}
