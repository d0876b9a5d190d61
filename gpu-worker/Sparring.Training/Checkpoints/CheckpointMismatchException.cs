namespace Sparring.Training.Checkpoints;

/// <summary>A checkpoint that does not fit: a config, tokenizer or weights file that disagree with each other or with what was asked.</summary>
public sealed class CheckpointMismatchException(string message, Exception? inner = null) : Exception(message, inner);
