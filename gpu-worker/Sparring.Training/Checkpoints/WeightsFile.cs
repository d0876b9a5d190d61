using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace Sparring.Training.Checkpoints;

/// <summary>
/// checkpoint.bin: "SPRW", a format version, a JSON header naming every tensor and its shape, then the float32 data.
/// Our own format rather than TorchSharp's, so a mismatch names the tensor and both shapes, and CPU and GPU read it alike.
/// </summary>
public static class WeightsFile
{
    private static readonly byte[] Magic = "SPRW"u8.ToArray();
    private const int FormatVersion = 1;

    /// <summary>Writes the module's parameters and buffers.</summary>
    public static void Save(nn.Module module, string path)
    {
        ArgumentNullException.ThrowIfNull(module);
        var tensors = module.state_dict();
        var entries = new List<WeightsEntry>();
        long offset = 0;
        foreach (var (name, tensor) in tensors)
        {
            entries.Add(new WeightsEntry(name, tensor.shape, offset));
            offset += tensor.numel() * sizeof(float);
        }

        var header = JsonSerializer.SerializeToUtf8Bytes(new WeightsHeader(entries), TrainingJsonContext.Default.WeightsHeader);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            Span<byte> prefix = stackalloc byte[12];
            Magic.CopyTo(prefix);
            BinaryPrimitives.WriteInt32LittleEndian(prefix[4..], FormatVersion);
            BinaryPrimitives.WriteInt32LittleEndian(prefix[8..], header.Length);
            stream.Write(prefix);
            stream.Write(header);
            foreach (var (_, tensor) in tensors)
            {
                using var cpu = tensor.detach().to(ScalarType.Float32).cpu().contiguous();
                var values = cpu.data<float>().ToArray();
                var bytes = new byte[values.Length * sizeof(float)];
                Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
                if (!BitConverter.IsLittleEndian)
                {
                    throw new PlatformNotSupportedException("checkpoint.bin is little-endian");
                }

                stream.Write(bytes);
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads the file into the module, which must have exactly the same tensors and shapes.</summary>
    /// <exception cref="CheckpointMismatchException">The file is not a weights file, or a tensor is missing, extra or of another shape.</exception>
    public static void Load(nn.Module module, string path, string shapeDescription)
    {
        ArgumentNullException.ThrowIfNull(module);
        using var stream = File.OpenRead(path);
        Span<byte> prefix = stackalloc byte[12];
        if (stream.Read(prefix) != 12 || !prefix[..4].SequenceEqual(Magic))
        {
            throw new CheckpointMismatchException($"{path}: not a Sparring weights file");
        }

        var version = BinaryPrimitives.ReadInt32LittleEndian(prefix[4..]);
        if (version != FormatVersion)
        {
            throw new CheckpointMismatchException($"{path}: weights format version {version}; this build reads {FormatVersion}");
        }

        var header = new byte[BinaryPrimitives.ReadInt32LittleEndian(prefix[8..])];
        stream.ReadExactly(header);
        var entries = JsonSerializer.Deserialize(header, TrainingJsonContext.Default.WeightsHeader)?.Tensors
            ?? throw new CheckpointMismatchException($"{path}: empty header");
        var dataStart = stream.Position;
        var tensors = module.state_dict();
        var problems = new List<string>();
        foreach (var entry in entries)
        {
            if (!tensors.TryGetValue(entry.Name, out var target))
            {
                problems.Add($"{entry.Name} is in the file but not in the model");
            }
            else if (!target.shape.SequenceEqual(entry.Shape))
            {
                problems.Add($"{entry.Name} has shape [{string.Join(",", entry.Shape)}] in the file but [{string.Join(",", target.shape)}] in the model");
            }
        }

        problems.AddRange(tensors.Keys.Except(entries.Select(entry => entry.Name)).Select(name => $"{name} is missing from the file"));
        if (problems.Count > 0)
        {
            throw new CheckpointMismatchException(
                $"{path} does not fit a model of {shapeDescription}: {string.Join("; ", problems.Take(5))}{(problems.Count > 5 ? $"; and {problems.Count - 5} more" : "")}");
        }

        using var noGrad = no_grad();
        foreach (var entry in entries)
        {
            var target = tensors[entry.Name];
            var count = checked((int)target.numel());
            var bytes = new byte[count * sizeof(float)];
            stream.Position = dataStart + entry.Offset;
            stream.ReadExactly(bytes);
            var values = new float[count];
            Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
            using var source = tensor(values, target.shape).to(target.dtype).to(target.device);
            target.copy_(source);
        }
    }
}
