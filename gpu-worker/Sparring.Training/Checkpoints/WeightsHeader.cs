namespace Sparring.Training.Checkpoints;

/// <summary>The JSON header of checkpoint.bin: each tensor's name, shape and place in the data that follows.</summary>
public sealed record WeightsHeader(IReadOnlyList<WeightsEntry> Tensors);

/// <summary>One tensor of checkpoint.bin, stored as little-endian float32.</summary>
public sealed record WeightsEntry(string Name, IReadOnlyList<long> Shape, long Offset);
